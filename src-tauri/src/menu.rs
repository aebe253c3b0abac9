//! The native menu bar. Choosing an item emits the event `menu` with `{id}` to the main window;
//! the window does the work, since it owns the document, its undo history and its dirty flag.

use std::path::Path;

use serde::Serialize;
use tauri::menu::{Menu, MenuEvent, MenuItemBuilder, PredefinedMenuItem, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// Label of the window the menu events go to.
pub const MAIN_WINDOW: &str = "main";

/// Id of the File ▸ Open Recent submenu.
pub const OPEN_RECENT_MENU: &str = "file.open_recent";

/// Prefix of the ids of the Open Recent items; the file's path follows it.
pub const OPEN_RECENT_PREFIX: &str = "file.open_recent:";

/// Payload of the `menu` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MenuChoice {
    /// The item chosen, e.g. `file.save` or `file.open_recent:/home/a/shop.schemata.json`.
    pub id: String,
}

/// The menu bar, with `recent` (most recent first) under File ▸ Open Recent.
pub fn build<R: Runtime, M: Manager<R>>(app: &M, recent: &[String]) -> tauri::Result<Menu<R>> {
    let item = |id: &str, label: &str, accelerator: &str| {
        MenuItemBuilder::with_id(id, label)
            .accelerator(accelerator)
            .build(app)
    };
    let open_recent = SubmenuBuilder::with_id(app, OPEN_RECENT_MENU, "Open Recent").build()?;
    fill_recent(app, &open_recent, recent)?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("file.new", "New", "CmdOrCtrl+N")?)
        .item(&item("file.open", "Open…", "CmdOrCtrl+O")?)
        .item(&open_recent)
        .separator()
        .item(&item("file.save", "Save", "CmdOrCtrl+S")?)
        .item(&item("file.save_as", "Save As…", "CmdOrCtrl+Shift+S")?)
        .separator()
        .item(&item("file.close", "Close", "CmdOrCtrl+W")?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item("edit.undo", "Undo", "CmdOrCtrl+Z")?)
        .item(&item("edit.redo", "Redo", "CmdOrCtrl+Shift+Z")?)
        .separator()
        .item(&PredefinedMenuItem::cut(app, None)?)
        .item(&PredefinedMenuItem::copy(app, None)?)
        .item(&PredefinedMenuItem::paste(app, None)?)
        .item(&PredefinedMenuItem::select_all(app, None)?)
        .separator()
        .item(&item("edit.find", "Find…", "CmdOrCtrl+F")?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&MenuItemBuilder::with_id("view.fit", "Zoom to Fit").build(app)?)
        .item(&MenuItemBuilder::with_id("view.layout", "Auto Layout").build(app)?)
        .build()?;
    Menu::with_items(app, &[&file, &edit, &view])
}

/// Replace the items of the Open Recent submenu by `recent`, or by a disabled placeholder when
/// there are none.
fn fill_recent<R: Runtime, M: Manager<R>>(
    app: &M,
    submenu: &Submenu<R>,
    recent: &[String],
) -> tauri::Result<()> {
    for old in submenu.items()? {
        submenu.remove(&old)?;
    }
    if recent.is_empty() {
        let none = MenuItemBuilder::with_id("file.open_recent.none", "No Recent Files")
            .enabled(false)
            .build(app)?;
        return submenu.append(&none);
    }
    for path in recent {
        let id = format!("{OPEN_RECENT_PREFIX}{path}");
        submenu.append(&MenuItemBuilder::with_id(id, path).build(app)?)?;
    }
    Ok(())
}

/// Update File ▸ Open Recent to the recent files kept in `data_dir`. A menu that cannot be
/// updated keeps its old list.
pub fn refresh_recent<R: Runtime>(app: &AppHandle<R>, data_dir: &Path) {
    let submenu = app
        .menu()
        .and_then(|menu| menu.get(OPEN_RECENT_MENU))
        .and_then(|item| item.as_submenu().cloned());
    if let Some(submenu) = submenu {
        let _ = fill_recent(app, &submenu, &schemata_api::recent_files(data_dir));
    }
}

/// Forward a chosen menu item to the main window as the `menu` event.
pub fn forward<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let choice = MenuChoice {
        id: event.id().as_ref().to_string(),
    };
    let _ = app.emit_to(MAIN_WINDOW, "menu", choice);
}
