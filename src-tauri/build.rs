//! Generates the Tauri context (configuration, capabilities, embedded assets) at build time.

fn main() {
    tauri_build::build();
}
