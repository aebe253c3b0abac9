//! The commands, and what they share: output streams, exit statuses, error reporting.

pub mod advise;
pub mod check;
pub mod ddl;
pub mod diagram;
pub mod export;
pub mod fd;
pub mod import;
pub mod new;
pub mod normalize;
pub mod shard;
pub mod verify;
pub mod worksheet;

use schemata_api::{
    ApiError, ApiErrorCode, Design, Diagnostic, DialectName, locate_diagnostics, sort_diagnostics,
};
use std::io::Write;
use std::path::Path;

use crate::args::ColorChoice;
use crate::render::{Stream, Style};

/// The exit status of a command; a run's status is the worst of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Everything went well.
    Ok = 0,
    /// A design has errors.
    Problems = 1,
    /// A file could not be read or written, or an argument was wrong.
    Failure = 2,
}

/// Output streams with their styles.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    pub out_style: Style,
    pub err_style: Style,
}

impl Ctx {
    /// Styles for both streams under the `--color` choice.
    pub fn new(color: ColorChoice) -> Self {
        Ctx {
            out_style: Style::for_stream(color, Stream::Stdout),
            err_style: Style::for_stream(color, Stream::Stderr),
        }
    }

    /// Write to standard output. Failures (a closed pipe) are ignored: there is no one to tell.
    pub fn out(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(text.as_bytes());
        let _ = stdout.flush();
    }

    /// Write to standard error, ignoring failures.
    pub fn err(&self, text: &str) {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    /// Print diagnostics about `file` on standard error, placed, sorted and without duplicates.
    pub fn print_diagnostics(&self, file: &Path, mut diagnostics: Vec<Diagnostic>) {
        locate_diagnostics(file, &mut diagnostics);
        sort_diagnostics(&mut diagnostics);
        let shown = file.display().to_string();
        for d in &diagnostics {
            self.err(&self.err_style.diagnostic(&shown, d));
        }
    }

    /// Report a failed command about `file` on standard error and return its exit status: an
    /// invalid design prints its diagnostics with their places and is `Problems`; anything else
    /// is `Failure`.
    pub fn report_error(&self, file: &Path, error: &ApiError) -> Exit {
        self.report_error_after(file, error, Vec::new())
    }

    /// Like [`Ctx::report_error`], printing `earlier` diagnostics (the loader's) together with
    /// the error's own, once each.
    pub fn report_error_after(
        &self,
        file: &Path,
        error: &ApiError,
        mut earlier: Vec<Diagnostic>,
    ) -> Exit {
        earlier.extend(error.diagnostics.iter().cloned());
        self.print_diagnostics(file, earlier);
        self.err(&format!(
            "{}\n",
            self.err_style.error_line(&about_file(file, &error.message))
        ));
        match error.code {
            ApiErrorCode::InvalidDesign => Exit::Problems,
            _ => Exit::Failure,
        }
    }
}

/// The dialect a command works in: the one asked for, else the design's first target dialect,
/// else PostgreSQL.
pub fn pick_dialect(asked: Option<DialectName>, design: &Design) -> DialectName {
    asked
        .or_else(|| design.settings.dialects.first().copied())
        .unwrap_or(DialectName::Postgres)
}

/// Prefix `message` with the file it is about, unless it already names it.
pub fn about_file(file: &Path, message: &str) -> String {
    let shown = file.display().to_string();
    if message.contains(&shown) {
        message.to_string()
    } else {
        format!("{shown}: {message}")
    }
}
