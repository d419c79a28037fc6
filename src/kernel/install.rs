//! `gd kernel install`: registers gd with Jupyter, as `ipykernel install`
//! does Python. Takes where to install ([`Destination`]) and writes the
//! kernelspec `kernels/gd/kernel.json` into that Jupyter data folder, with
//! the absolute path of the running `gd` in its command line; hands on the
//! folder written. Installing again replaces it.

use crate::msg;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jupyter_protocol::JupyterKernelspec;

use super::KernelError;

/// The kernel's name, which notebooks record in their metadata.
const NAME: &str = "gd";

/// Which Jupyter data folder gets the kernelspec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destination {
    /// The user's own (`jupyter --data-dir`): every Jupyter this user runs finds it.
    User,
    /// `PREFIX/share/jupyter`: a Jupyter installed under PREFIX finds it.
    Prefix(PathBuf),
    /// The active Python environment's (a virtualenv or conda env): its Jupyter finds it.
    SysPrefix,
}

/// Writes the kernelspec; hands on the folder it is in.
pub fn install(destination: &Destination) -> Result<PathBuf, KernelError> {
    let folder = data_folder(destination)?.join("kernels").join(NAME);
    let gd = std::env::current_exe()
        .map_err(|error| KernelError(msg!("kernel-error.own-path", error = error.to_string())))?;
    let spec = serde_json::to_string_pretty(&kernelspec(&gd)?)
        .map_err(|error| KernelError(msg!("kernel-error.kernelspec", error = error.to_string())))?;
    let cannot_write = |error: std::io::Error| {
        KernelError(msg!("kernel-error.cannot-write", folder = folder.display().to_string(), error = error.to_string()))
    };
    std::fs::create_dir_all(&folder).map_err(cannot_write)?;
    std::fs::write(folder.join("kernel.json"), spec + "\n").map_err(cannot_write)?;
    Ok(folder)
}

/// The kernelspec that starts `gd kernel -f {connection_file}` with this gd.
fn kernelspec(gd: &Path) -> Result<JupyterKernelspec, KernelError> {
    let gd =
        gd.to_str().ok_or_else(|| KernelError(msg!("kernel-error.path-not-text", path = gd.display().to_string())))?;
    Ok(JupyterKernelspec {
        argv: [gd, "kernel", "-f", "{connection_file}"].map(str::to_string).to_vec(),
        display_name: NAME.to_string(),
        language: NAME.to_string(),
        metadata: Some(HashMap::new()),
        interrupt_mode: Some("signal".to_string()),
        env: Some(HashMap::new()),
    })
}

/// The Jupyter data folder of a destination.
fn data_folder(destination: &Destination) -> Result<PathBuf, KernelError> {
    match destination {
        Destination::User => user_data_folder(),
        Destination::Prefix(prefix) => Ok(prefix.join("share").join("jupyter")),
        Destination::SysPrefix => Ok(python_prefix()?.join("share").join("jupyter")),
    }
}

/// Jupyter's per-user data folder, found as `jupyter_core` finds it:
/// `$JUPYTER_DATA_DIR`, else `~/Library/Jupyter` on macOS, else the
/// platform's data folder (`$XDG_DATA_HOME` or `~/.local/share`, `%APPDATA%`) + `jupyter`.
fn user_data_folder() -> Result<PathBuf, KernelError> {
    if let Some(folder) = std::env::var_os("JUPYTER_DATA_DIR").filter(|folder| !folder.is_empty()) {
        return Ok(PathBuf::from(folder));
    }
    let folder = if cfg!(target_os = "macos") {
        dirs::home_dir().map(|home| home.join("Library").join("Jupyter"))
    } else {
        dirs::data_dir().map(|data| data.join("jupyter"))
    };
    folder.ok_or_else(|| KernelError(msg!("kernel-error.no-home")))
}

/// The prefix of the active Python environment: `$VIRTUAL_ENV`, else
/// `$CONDA_PREFIX`, else what `python3` (or `python`) says is `sys.prefix`.
fn python_prefix() -> Result<PathBuf, KernelError> {
    for variable in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
        if let Some(prefix) = std::env::var_os(variable).filter(|prefix| !prefix.is_empty()) {
            return Ok(PathBuf::from(prefix));
        }
    }
    ["python3", "python"].into_iter().find_map(asked_prefix).ok_or_else(|| KernelError(msg!("kernel-error.no-python")))
}

/// `sys.prefix` as the Python called `python` says it.
fn asked_prefix(python: &str) -> Option<PathBuf> {
    let output = Command::new(python).args(["-c", "import sys; print(sys.prefix)"]).output().ok()?;
    let prefix = String::from_utf8(output.stdout).ok()?;
    let prefix = prefix.trim();
    (output.status.success() && !prefix.is_empty()).then(|| PathBuf::from(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kernelspec_runs_this_gd_with_the_connection_file() {
        let spec = kernelspec(Path::new("/opt/gd/bin/gd")).map(|spec| serde_json::to_value(spec).unwrap_or_default());
        assert_eq!(
            spec,
            Ok(serde_json::json!({
                "argv": ["/opt/gd/bin/gd", "kernel", "-f", "{connection_file}"],
                "display_name": "gd",
                "language": "gd",
                "metadata": {},
                "interrupt_mode": "signal",
                "env": {},
            }))
        );
    }

    #[test]
    fn a_prefix_holds_share_jupyter() {
        assert_eq!(data_folder(&Destination::Prefix("/p".into())), Ok(PathBuf::from("/p/share/jupyter")));
    }
}
