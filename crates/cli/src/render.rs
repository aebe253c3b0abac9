//! Printing diagnostics and errors for people: rustc-style, coloured only on a terminal.

use schemata_api::{Diagnostic, Severity, SeverityCounts};
use std::io::IsTerminal;

use crate::args::ColorChoice;

/// Whether to use ANSI colours on one output stream.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

/// The two streams a command writes to.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Style {
    /// The style for `stream` under the `--color` choice: colour on a terminal unless `NO_COLOR`
    /// is set or `TERM` is `dumb`.
    pub fn for_stream(choice: ColorChoice, stream: Stream) -> Self {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let tty = match stream {
                    Stream::Stdout => std::io::stdout().is_terminal(),
                    Stream::Stderr => std::io::stderr().is_terminal(),
                };
                tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        };
        Style { color }
    }

    fn paint(&self, codes: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{codes}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, severity: Severity, text: &str) -> String {
        let codes = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(codes, text)
    }

    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    fn accent(&self, text: &str) -> String {
        self.paint("1;34", text)
    }

    fn success(&self, text: &str) -> String {
        self.paint("1;32", text)
    }

    /// `error: message`, for a command that failed.
    pub fn error_line(&self, message: &str) -> String {
        format!("{}: {message}", self.severity(Severity::Error, "error"))
    }

    /// One diagnostic, ending with a blank line:
    ///
    /// ```text
    /// error[V003]: message
    ///   --> file.schemata.json:12:9 (/tables/1/columns/0)
    ///   = help: what to do
    /// ```
    pub fn diagnostic(&self, file: &str, d: &Diagnostic) -> String {
        let mut out = format!(
            "{}: {}\n",
            self.severity(d.severity, &format!("{}[{}]", d.severity, d.code)),
            self.bold(&d.message)
        );
        let mut place = file.to_string();
        if let Some(loc) = d.location {
            place.push_str(&format!(":{}:{}", loc.line, loc.column));
        }
        if let Some(path) = d.path.as_deref().filter(|p| !p.is_empty()) {
            place.push_str(&format!(" ({path})"));
        }
        out.push_str(&format!("  {} {place}\n", self.accent("-->")));
        if let Some(help) = &d.help {
            out.push_str(&format!("  {} {help}\n", self.accent("= help:")));
        }
        out.push('\n');
        out
    }

    /// The closing line of one file's check, e.g. `shop.schemata.json: 1 error, 2 warnings`.
    pub fn summary(&self, file: &str, counts: &SeverityCounts) -> String {
        if counts.error == 0 && counts.warning == 0 && counts.info == 0 {
            return format!("{file}: {}", self.success("no problems found"));
        }
        let parts = [
            (counts.error, "error", "errors", Severity::Error),
            (counts.warning, "warning", "warnings", Severity::Warning),
            (counts.info, "info", "infos", Severity::Info),
        ];
        let text: Vec<String> = parts
            .iter()
            .map(|&(n, one, many, severity)| {
                let words = format!("{n} {}", if n == 1 { one } else { many });
                if n > 0 {
                    self.severity(severity, &words)
                } else {
                    words
                }
            })
            .collect();
        format!("{file}: {}", text.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemata_api::Location;

    const PLAIN: Style = Style { color: false };

    #[test]
    fn renders_rustc_style() {
        let mut d = Diagnostic::error("V003", "dangling reference")
            .with_path("/tables/1/foreign_keys/0/references")
            .with_help("point it at an existing table id");
        d.location = Some(Location {
            line: 12,
            column: 9,
        });
        assert_eq!(
            PLAIN.diagnostic("a.schemata.json", &d),
            "error[V003]: dangling reference\n  \
             --> a.schemata.json:12:9 (/tables/1/foreign_keys/0/references)\n  \
             = help: point it at an existing table id\n\n"
        );
    }

    #[test]
    fn renders_without_place() {
        let d = Diagnostic::warning("N001", "name");
        assert_eq!(
            PLAIN.diagnostic("a.json", &d),
            "warning[N001]: name\n  --> a.json\n\n"
        );
    }

    #[test]
    fn colours_only_when_asked() {
        let colored = Style { color: true };
        assert!(colored.error_line("x").contains("\x1b[1;31m"));
        assert!(!PLAIN.error_line("x").contains('\x1b'));
    }

    #[test]
    fn summarises_counts() {
        let counts = SeverityCounts {
            error: 1,
            warning: 2,
            info: 0,
        };
        assert_eq!(
            PLAIN.summary("a.json", &counts),
            "a.json: 1 error, 2 warnings, 0 infos"
        );
        assert_eq!(
            PLAIN.summary("a.json", &SeverityCounts::default()),
            "a.json: no problems found"
        );
    }
}
