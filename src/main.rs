//! The `gd` command: runs scripts, `-e` code, piped input, or the REPL;
//! `gd kernel` installs or runs the Jupyter kernel. Reads the command line
//! (clap), builds a [`Session`], hands it the input, and turns the outcome
//! into the exit status: 0 ok, 1 runtime error or failed check, 2 syntax
//! error or bad usage.

use gd::msg;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use gd::diagnostics::{Diagnostic, DiagnosticCode};
use gd::kernel::{self, Destination};
use gd::render::Document;
use gd::{Input, Output, Session, Settings};

/// gd — a language for differentiable expressions: values, exact partial
/// derivatives, computation graphs, checks of hand derivations, and gradient
/// descent.
#[derive(Parser)]
#[command(name = "gd", version, about, long_about = None, args_conflicts_with_subcommands = true, disable_help_subcommand = true)]
#[command(
    after_help = "Examples:\n  gd                                  start the REPL\n  gd lesson.gd                        run a script\n  gd -e 'J(a,b,c) = 3*(a + b*c)' -e 'J(5, 3, 2)'\n  echo 'sqrt(2)' | gd                 run standard input\n  gd kernel install                   use gd in Jupyter (docs/jupyter.md)"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Scripts to run, in order, as one program
    files: Vec<PathBuf>,

    /// Run CODE (repeatable; all are parsed before any runs)
    #[arg(short = 'e', long = "eval", value_name = "CODE", allow_hyphen_values = true)]
    eval: Vec<String>,

    /// Seed for the random points of `check`
    #[arg(long, default_value_t = 2026)]
    seed: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Run gd as a Jupyter kernel (as Jupyter starts it), or install it: `gd kernel install`
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true, disable_help_subcommand = true)]
    Kernel {
        #[command(subcommand)]
        action: Option<KernelAction>,

        /// The connection file Jupyter writes for the kernel
        #[arg(short = 'f', long = "connection-file", value_name = "CONNECTION_FILE", required = true)]
        connection_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum KernelAction {
    /// Register gd with Jupyter as the kernel `gd`
    Install(InstallTarget),
}

/// Where `gd kernel install` writes the kernelspec (one at most).
#[derive(Args)]
#[group(multiple = false)]
struct InstallTarget {
    /// For the current user (the default)
    #[arg(long)]
    user: bool,

    /// Under PATH/share/jupyter, for a Jupyter installed under PATH
    #[arg(long, value_name = "PATH")]
    prefix: Option<PathBuf>,

    /// Into the active Python environment (virtualenv or conda), for its Jupyter
    #[arg(long)]
    sys_prefix: bool,
}

impl InstallTarget {
    fn destination(&self) -> Destination {
        match (&self.prefix, self.sys_prefix) {
            (Some(prefix), _) => Destination::Prefix(prefix.clone()),
            (None, true) => Destination::SysPrefix,
            (None, false) => Destination::User,
        }
    }
}

/// Writes results to stdout (in colour when it is a terminal) and
/// diagnostics to stderr, ignoring a closed pipe.
struct Terminal {
    colour: bool,
}

impl Output for Terminal {
    fn show(&mut self, result: &Document) {
        let text = gd::render::text::text(result, self.colour);
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
    }

    fn error(&mut self, text: &str) {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // NO_COLOR set to anything but the empty string turns colour off (no-color.org).
    let colour_allowed = std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    let settings = Settings {
        color_output: colour_allowed && std::io::stdout().is_terminal(),
        color_errors: colour_allowed && std::io::stderr().is_terminal(),
        seed: cli.seed,
        terminal: std::io::stdout().is_terminal(),
        progress: std::io::stderr().is_terminal(),
        pictures: false,
    };
    let _ = ctrlc::set_handler(|| gd::session::INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed));
    let mut out = Terminal { colour: settings.color_output };
    let mut session = Session::new(settings);
    if let Some(Command::Kernel { action, connection_file }) = &cli.command {
        return run_kernel(action.as_ref(), connection_file.as_deref(), cli.seed, &session, &mut out);
    }
    let status = match inputs(&cli) {
        Ok(Some(inputs)) => session.run(inputs, &mut out).exit_code(),
        Ok(None) => gd::repl::run(&mut session, &mut out),
        Err(problem) => {
            out.error(&session.render(&problem));
            2
        }
    };
    ExitCode::from(u8::try_from(status).unwrap_or(1))
}

/// `gd kernel install …` or `gd kernel -f FILE`; a failure is reported as a usage error, with status 1.
fn run_kernel(
    action: Option<&KernelAction>,
    connection_file: Option<&std::path::Path>,
    seed: u64,
    session: &Session,
    out: &mut Terminal,
) -> ExitCode {
    let outcome = match (action, connection_file) {
        (Some(KernelAction::Install(target)), _) => kernel::install(&target.destination()).map(|folder| {
            let installed = msg!("kernel-installed", folder = folder.display().to_string());
            out.show(&Document::lines(&gd::catalogue::word(&installed)));
        }),
        (None, Some(file)) => kernel::run(file, seed),
        (None, None) => Err(kernel::KernelError(msg!("kernel-error.usage"))),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            out.error(&session.render(&Diagnostic::usage(DiagnosticCode::CommandLine, problem.0)));
            ExitCode::from(1)
        }
    }
}

/// The program to run, or `None` for the REPL.
fn inputs(cli: &Cli) -> Result<Option<Vec<Input>>, Diagnostic> {
    let here = std::env::current_dir().unwrap_or_default();
    let mut inputs = Vec::new();
    for path in &cli.files {
        inputs.push(Input::from_file(path)?);
    }
    for (index, code) in cli.eval.iter().enumerate() {
        let name = if cli.eval.len() == 1 { "-e".to_string() } else { format!("-e#{}", index + 1) };
        inputs.push(Input { name, text: code.clone(), dir: here.clone() });
    }
    if !inputs.is_empty() {
        return Ok(Some(inputs));
    }
    if std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    std::io::stdin().take(gd::session::SCRIPT_LIMIT + 1).read_to_end(&mut bytes).map_err(|e| {
        Diagnostic::usage(DiagnosticCode::CannotRead, msg!("cannot-read.standard-input", reason = e.to_string()))
    })?;
    if bytes.len() as u64 > gd::session::SCRIPT_LIMIT {
        return Err(Diagnostic::usage(
            DiagnosticCode::InputTooLarge,
            msg!("input-too-large", megabytes = (gd::session::SCRIPT_LIMIT / 1_000_000) as usize),
        ));
    }
    let text = Input::text_of(bytes, msg!("not-text.standard-input"))?;
    Ok(Some(vec![Input { name: "<stdin>".to_string(), text, dir: here }]))
}
