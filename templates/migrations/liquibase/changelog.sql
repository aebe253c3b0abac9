--liquibase formatted sql

--changeset schemata:{{ version }} dbms:{{ liquibase_dbms }}
--comment: Initial schema of {{ design_name }}
{{ up }}

{% for line in rollback %}
--rollback {{ line }}
{% endfor %}
