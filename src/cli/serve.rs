//! `tonvinh serve`: preview the site, rebuilt and reloaded on every save.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::serve::{self, Options};

/// Preview the site in a browser: build it, serve it, and rebuild on every save.
///
/// Watches content/, static/, themes/ and site.toml. Every open tab reloads after a
/// rebuild; a build error keeps the last good site and shows the error in the page.
///
/// Examples:
///   tonvinh serve
///   tonvinh serve --open --drafts
///   tonvinh serve --root ../so-gddt --port 8080
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The site's folder (holding site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port [default: 1111, or the next free one].
    #[arg(long)]
    pub port: Option<u16>,
    /// Address to listen on. Anything but loopback lets other machines see the preview.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Show pages marked draft = true too.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

pub fn run(args: Args) -> ExitCode {
    let options = Options {
        root: args.root,
        port: args.port,
        bind: args.bind,
        drafts: args.drafts,
        open: args.open,
    };
    match serve::run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tonvinh serve: {e}");
            ExitCode::from(1)
        }
    }
}
