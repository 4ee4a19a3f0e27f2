//! The `reachout` command line: parses arguments and calls the library.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use reachout::BuildOptions;
use reachout::scaffold::{self, NewKind};

/// The binary's allocator (see Cargo.toml); the library leaves the choice to its user.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Build a 7-day reach-out challenge website from Markdown.
#[derive(Debug, Parser)]
#[command(name = "reachout", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Render the site into the output folder (public/ by default).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Folder to write the site to; replaced as a whole on success.
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Run the whole build in memory and report every problem; writes nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Build the site in memory and preview it with live reload; rebuilds on every change.
    ///
    /// Serves under the base URL's path (e.g. http://127.0.0.1:1111/reach-out/), as GitHub
    /// Pages will; never writes public/.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on; 0 picks a free one.
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but 127.0.0.1 or ::1 shows the preview to your network.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Write a complete starter site into DIR.
    Init {
        /// Folder to create the site in.
        dir: PathBuf,
        /// Write into a folder that is not empty (files of the same name are overwritten).
        #[arg(long)]
        force: bool,
    },
    /// Add a page with the right front matter and print its path.
    New {
        /// What to add.
        kind: Kind,
        /// The page's title (also makes its file name).
        title: String,
        /// The site's root folder.
        #[arg(short, long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct SiteArgs {
    /// The site's root folder (the one with site.yaml).
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Public address of the site, e.g. https://user.github.io/repo/; overrides site.yaml.
    #[arg(short = 'u', long, value_name = "URL")]
    base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    /// The next challenge day (content/days/day-N.md).
    Day,
    /// A myth and its reframe (content/myths/).
    Myth,
    /// A message example (content/messages/).
    Message,
    /// A plain page (content/).
    Page,
}

impl SiteArgs {
    fn options(self, output: Option<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: self.root,
            output,
            base_url: self.base_url,
            drafts: self.drafts,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { site, output } => {
            let options = site.options(output);
            // Interrupted, the process ends before the build can remove its staging folder.
            let out = options.output_dir();
            let _ = ctrlc::set_handler(move || {
                reachout::output::remove_own_staging(&out);
                std::process::exit(130);
            });
            reachout::build(&options).map(|s| {
                warn(&s.warnings);
                println!("built {s}");
            })
        }
        Command::Check { site } => reachout::check(&site.options(None)).map(|s| {
            warn(&s.warnings);
            println!("ok: {s}, no problems");
        }),
        Command::Serve {
            site,
            port,
            bind,
            open,
        } => serve(&reachout::serve::ServeOptions {
            build: site.options(None),
            bind,
            port,
            open,
        }),
        Command::Init { dir, force } => scaffold::init(&dir, force).map(|files| {
            println!("wrote {} files to {}", files.len(), dir.display());
            println!("next: cd {} && reachout build", dir.display());
        }),
        Command::New { kind, title, root } => {
            let kind = match kind {
                Kind::Day => NewKind::Day,
                Kind::Myth => NewKind::Myth,
                Kind::Message => NewKind::Message,
                Kind::Page => NewKind::Page,
            };
            scaffold::new_page(&root, kind, &title).map(|path| println!("{}", path.display()))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// Serves until Ctrl-C (or SIGTERM): the signal handler is the program's, not the library's,
/// so a program embedding the library keeps its own.
fn serve(options: &reachout::serve::ServeOptions) -> reachout::diag::Result<()> {
    let (stop_tx, stop_rx) = std::sync::mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .map_err(|e| reachout::diag::Error::Refused {
        message: format!("cannot listen for Ctrl-C: {e}"),
        hint: "run `reachout serve` from a terminal".into(),
    })?;
    reachout::serve::serve_until(options, &stop_rx)
}

/// Prints warnings the way a failed build lists its problems: the library only returns them.
fn warn(warnings: &[reachout::diag::Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
}
