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
