//! The commands as the window calls them, through Tauri's IPC on a mock runtime (no display).

use std::path::Path;

use schemata_api::{Opened, Startup};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use crate::{Shell, configure};

struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn harness(data_dir: &Path, file: Option<&Path>) -> Harness {
    let shell = Shell {
        data_dir: data_dir.to_path_buf(),
        file: file.map(Path::to_path_buf),
    };
    let app = configure(mock_builder(), Some(shell))
        .build(mock_context(noop_assets()))
        .expect("the app builds");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("the window builds");
    Harness { _app: app, window }
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().expect("a url"),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().expect("a JSON response"))
    }
}

#[test]
fn startup_opens_the_example_then_offers_the_autosave() {
    let data = tempfile::tempdir().unwrap();
    let h = harness(data.path(), None);
    let first: Startup = serde_json::from_value(h.invoke("startup", json!({})).unwrap()).unwrap();
    assert_eq!(first.path, None);
    assert!(!first.design.tables.is_empty());
    assert_eq!(first.recovered, None);

    let mut edited = first.design.clone();
    edited.name = "Shop, edited".to_string();
    let r = h.invoke("autosave", json!({"design": edited, "path": null}));
    assert_eq!(r, Ok(Value::Null));
    let again: Startup = serde_json::from_value(h.invoke("startup", json!({})).unwrap()).unwrap();
    assert_eq!(again.recovered.unwrap().design.name, "Shop, edited");

    assert_eq!(h.invoke("discard_autosave", json!({})), Ok(Value::Null));
    let last: Startup = serde_json::from_value(h.invoke("startup", json!({})).unwrap()).unwrap();
    assert_eq!(last.recovered, None);
}

#[test]
fn save_then_open_records_recent_files() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let h = harness(data.path(), None);
    let design = h
        .invoke("new_design", json!({"example": "url_shortener"}))
        .unwrap();
    let path = files.path().join("links.schemata.json");
    let r = h.invoke("save_design", json!({"path": path, "design": design}));
    assert_eq!(r, Ok(Value::Null));
    let opened: Opened =
        serde_json::from_value(h.invoke("open_design", json!({"path": path})).unwrap()).unwrap();
    assert_eq!(serde_json::to_value(&opened.design).unwrap(), design);
    let recent = h.invoke("recent_files", json!({})).unwrap();
    assert_eq!(recent, json!([path.to_str().unwrap()]));
}

#[test]
fn errors_cross_as_code_and_message() {
    let data = tempfile::tempdir().unwrap();
    let h = harness(data.path(), None);
    let err = h
        .invoke(
            "open_design",
            json!({"path": data.path().join("missing.schemata.json")}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "not_found");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("missing.schemata.json")
    );

    let bad = data.path().join("bad.schemata.json");
    std::fs::write(&bad, "{\n  \"tables\": [\n").unwrap();
    let err = h.invoke("open_design", json!({"path": bad})).unwrap_err();
    assert_eq!(err["code"], "invalid_design");
    assert!(
        err["diagnostics"][0]["location"]["line"].is_number(),
        "{err}"
    );
}

#[test]
fn a_file_on_the_command_line_is_opened() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let path = files.path().join("feed.schemata.json");
    let design = schemata_api::new_design("social_feed").unwrap();
    schemata_api::save_design(&path, &design).unwrap();
    let h = harness(data.path(), Some(&path));
    let s: Startup = serde_json::from_value(h.invoke("startup", json!({})).unwrap()).unwrap();
    assert_eq!(s.design, design);
    assert_eq!(s.path.as_deref(), path.to_str());
}

#[test]
fn text_commands_export_and_write() {
    let data = tempfile::tempdir().unwrap();
    let h = harness(data.path(), None);
    let design = h
        .invoke("new_design", json!({"example": "ecommerce"}))
        .unwrap();
    let text = h
        .invoke(
            "export_text",
            json!({"design": design, "format": "mermaid"}),
        )
        .unwrap();
    assert!(text.as_str().unwrap().starts_with("erDiagram"));
    let out = data.path().join("shop.mmd");
    let r = h.invoke("write_text_file", json!({"path": out, "contents": text}));
    assert_eq!(r, Ok(Value::Null));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("erDiagram")
    );
    let png = data.path().join("d.png");
    let r = h.invoke("write_binary_file", json!({"path": png, "base64": "AAEC"}));
    assert_eq!(r, Ok(Value::Null));
    assert_eq!(std::fs::read(&png).unwrap(), [0, 1, 2]);
    let ddl = h
        .invoke("ddl", json!({"design": design, "dialect": "sqlite"}))
        .unwrap();
    assert!(
        ddl["sql"].as_str().unwrap().contains("CREATE TABLE"),
        "{ddl}"
    );
}

#[test]
fn worksheet_advice_and_recommended_indexes() {
    let data = tempfile::tempdir().unwrap();
    let h = harness(data.path(), None);
    let design = h
        .invoke("new_design", json!({"example": "ecommerce"}))
        .unwrap();
    let sheet = data.path().join("shop.sql");
    std::fs::write(
        &sheet,
        "-- name: CustomerByPhone :one\n-- rate: 50/s\n\
         SELECT id, full_name FROM customers WHERE phone = $1 LIMIT 1;\n\n\
         -- name: Broken :one\nSELECT nope FROM payments WHERE id = $1;\n",
    )
    .unwrap();
    let imported = h
        .invoke("worksheet_import", json!({"design": design, "path": sheet}))
        .unwrap();
    let design = imported["design"].clone();
    let names: Vec<&str> = design["worksheet"]["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"CustomerByPhone"), "{names:?}");

    let report = h.invoke("advise", json!({"design": design})).unwrap();
    let total = report["score"]["total"].as_u64().unwrap();
    assert!(total <= 100);
    let q003 = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "Q003")
        .unwrap_or_else(|| panic!("an unknown column is reported: {report}"));
    assert_eq!(q003["target"]["kind"], "pattern");
    let recommended = report["indexes"].as_array().unwrap();
    assert!(
        recommended
            .iter()
            .any(|ix| ix["table"] == "customers" && ix["patterns"][0] == "CustomerByPhone"),
        "{report}"
    );

    let applied = h
        .invoke("apply_recommended_indexes", json!({"design": design}))
        .unwrap();
    assert_eq!(applied["indexes"], report["indexes"]);
    let after = h
        .invoke("advise", json!({"design": applied["design"]}))
        .unwrap();
    assert_eq!(after["indexes"], json!([]), "{after}");

    let text = h
        .invoke("worksheet_export", json!({"design": design}))
        .unwrap();
    assert!(
        text.as_str()
            .unwrap()
            .contains("-- name: CustomerByPhone :many")
    );

    let bad = data.path().join("bad.sql");
    std::fs::write(&bad, "SELECT 1;\n").unwrap();
    let err = h
        .invoke("worksheet_import", json!({"design": design, "path": bad}))
        .unwrap_err();
    assert_eq!(err["code"], "invalid_argument", "{err}");
    let err = h
        .invoke(
            "worksheet_import",
            json!({"design": design, "path": data.path().join("missing.sql")}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
}

#[test]
fn shard_plans_and_refuses_a_bad_shard_count() {
    let data = tempfile::tempdir().unwrap();
    let h = harness(data.path(), None);
    let design = h
        .invoke("new_design", json!({"example": "saas_multitenant"}))
        .unwrap();
    let report = h
        .invoke(
            "shard",
            json!({"design": design, "request": {"engine": "vitess", "shards": 8}}),
        )
        .unwrap();
    assert_eq!(report["plan"]["engine"], "vitess", "{report}");
    assert_eq!(report["plan"]["shards"], 8);
    let share = report["plan"]["single_shard_share"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&share), "{share}");
    let vschema: Value = serde_json::from_str(report["ddl"].as_str().unwrap()).unwrap();
    assert!(vschema.is_object(), "{vschema}");

    let citus = h
        .invoke("shard", json!({"design": design, "request": {}}))
        .unwrap();
    assert_eq!(citus["plan"]["engine"], "citus");

    let err = h
        .invoke("shard", json!({"design": design, "request": {"shards": 0}}))
        .unwrap_err();
    assert_eq!(err["code"], "invalid_argument", "{err}");
}
