//! `schemata`: the command-line interface to Schemata. Each command is a thin layer over
//! `schemata_api`.

mod args;
mod commands;
mod render;

use clap::Parser;
use std::process::ExitCode;

use args::{Cli, Command};
use commands::Ctx;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Ctx::new(cli.color);
    let exit = match &cli.command {
        Command::New(args) => commands::new::run(args, &ctx),
        Command::Check(args) => commands::check::run(args, &ctx),
        Command::Ddl(args) => commands::ddl::run(args, &ctx),
        Command::Export(args) => commands::export::run(args, &ctx),
        Command::Normalize(args) => commands::normalize::run(args, &ctx),
        Command::Fd(args) => commands::fd::run(args, &ctx),
        Command::Import(args) => commands::import::run(args, &ctx),
        Command::Diagram(args) => commands::diagram::run(args, &ctx),
        Command::Advise(args) => commands::advise::run(args, &ctx),
        Command::Worksheet(args) => commands::worksheet::run(args, &ctx),
        Command::Verify(args) => commands::verify::run(args, &ctx),
        Command::Shard(args) => commands::shard::run(args, &ctx),
    };
    ExitCode::from(exit as u8)
}
