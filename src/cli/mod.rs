//! The command line: `tonvinh build`, `tonvinh check`, `tonvinh serve`, … One module per
//! subcommand.

mod build;
mod check;
mod cms;
mod init;
mod new;
mod new_annex;
mod report;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// tonvinh: publish the department's pages that honour exemplary people and practices.
#[derive(Debug, Parser)]
#[command(name = "tonvinh", version = env!("TONVINH_VERSION"), about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Build(build::Args),
    Check(check::Args),
    New(new::Args),
    Init(init::Args),
    Serve(serve::Args),
    Report(report::Args),
    Cms(cms::Args),
}

/// Parses the arguments and runs the subcommand.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Init(args) => init::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Report(args) => report::run(args),
        Command::Cms(args) => cms::run(args),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
