-- migrate:up
{{ up }}

-- migrate:down
{{ down }}
