//! The `gd` command: runs scripts, `-e` code, piped input, or the REPL.
//! Reads the command line (clap), builds a [`Session`], hands it the input,
//! and turns the outcome into the exit status: 0 ok, 1 runtime error or
//! failed check, 2 syntax error or bad usage.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use gd::diagnostics::Diagnostic;
use gd::render::Document;
use gd::{Input, Output, Session, Settings};

/// gd — a language for differentiable expressions: values, exact partial
/// derivatives, computation graphs, checks of hand derivations, and gradient
/// descent.
#[derive(Parser)]
#[command(name = "gd", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  gd                                  start the REPL\n  gd lesson.gd                        run a script\n  gd -e 'J(a,b,c) = 3*(a + b*c)' -e 'J(5, 3, 2)'\n  echo 'sqrt(2)' | gd                 run standard input"
)]
struct Cli {
    /// Scripts to run, in order, as one program
    files: Vec<PathBuf>,

    /// Run CODE (repeatable; all are parsed before any runs)
    #[arg(short = 'e', long = "eval", value_name = "CODE", allow_hyphen_values = true)]
    eval: Vec<String>,

    /// Seed for the random points of `check`
    #[arg(long, default_value_t = 2026)]
    seed: u64,
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
    std::io::stdin()
        .take(gd::session::SCRIPT_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::usage(format!("cannot read standard input: {e}")))?;
    if bytes.len() as u64 > gd::session::SCRIPT_LIMIT {
        return Err(Diagnostic::usage(format!(
            "standard input is larger than {} MB, too large for a script",
            gd::session::SCRIPT_LIMIT / 1_000_000
        )));
    }
    let text = Input::text_of(bytes, "standard input")?;
    Ok(Some(vec![Input { name: "<stdin>".to_string(), text, dir: here }]))
}
