//! The Schemata desktop shell: a Tauri window over `schemata_api`. It registers the api's
//! commands (in [`commands`]), builds the native menu (in [`menu`]), resolves the app's data
//! folder and forwards menu choices to the window; everything else happens in the api or in the
//! window.

pub mod commands;
pub mod menu;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

pub use commands::Shell;

/// Register the commands, the dialog plugin, the menu and the shell's state on `builder`.
/// `shell` is the data folder and command-line file; `None` resolves them from the platform and
/// the process arguments when the app starts.
pub fn configure<R: Runtime>(
    builder: tauri::Builder<R>,
    shell: Option<Shell>,
) -> tauri::Builder<R> {
    let builder = match shell {
        Some(shell) => builder.manage(shell),
        None => builder,
    };
    builder
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            if app.try_state::<Shell>().is_none() {
                app.manage(Shell {
                    data_dir: commands::data_dir(app.path().app_data_dir().ok()),
                    file: file_argument(),
                });
            }
            let data_dir = app.state::<Shell>().data_dir.clone();
            let menu = menu::build(app, &schemata_api::recent_files(&data_dir))?;
            app.set_menu(menu)?;
            Ok(())
        })
        .on_menu_event(menu::forward)
        .invoke_handler(tauri::generate_handler![
            commands::startup,
            commands::open_design,
            commands::save_design,
            commands::recent_files,
            commands::new_design,
            commands::examples,
            commands::check,
            commands::ddl,
            commands::fix_conventions,
            commands::normalize,
            commands::normalize_apply,
            commands::fd,
            commands::advise,
            commands::shard,
            commands::apply_recommended_indexes,
            commands::worksheet_import,
            commands::worksheet_export,
            commands::export_text,
            commands::write_text_file,
            commands::write_binary_file,
            commands::autosave,
            commands::discard_autosave,
        ])
}

/// The design file named on the command line: the first argument that is not an option.
fn file_argument() -> Option<PathBuf> {
    std::env::args_os()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(PathBuf::from)
}

/// Start the app; returns when its last window closes.
pub fn run() -> Result<(), tauri::Error> {
    configure(tauri::Builder::default(), None).run(tauri::generate_context!())
}

#[cfg(test)]
mod tests;
