//! Writing a file the user named (`:save FILE`, `plot = "FILE"`) without
//! losing anything they had. Takes a path and the bytes to write; hands on
//! the file written, or a [`WriteError`] saying why nothing was.
//!
//! A symbolic link is followed to its target (the link stays a link); the
//! bytes go to a temporary file in the target's folder, given the mode of
//! the file they replace, then renamed over it, so a crash never leaves
//! half a file. A folder, a FIFO, a device or a socket is refused before
//! anything is written, and so are a read-only file and an existing file
//! that `replaceable` does not accept (a `:save` over a CSV file, say).
//!
//! Reading a file the user named ([`read_bounded`]) is bounded the same way:
//! a device is refused, a pipe only where the caller allows one (a script
//! from `gd <(…)`), and no more than a limit is read (never all of `/dev/zero`).

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::message::Message;
use crate::msg;

/// The most symbolic links followed from one name (as Linux's `MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

/// The most temporary names tried beside the target.
const MAX_TEMPORARY_NAMES: u32 = 100;

/// Why a file was not written. Nothing was changed in any of these cases.
#[derive(Debug)]
pub enum WriteError {
    /// The name (or the end of its links) is not a regular file.
    NotAFile { path: PathBuf, kind: FileKind },
    /// An existing file that the caller would not replace.
    NotReplaceable { path: PathBuf },
    /// An existing file without write permission.
    ReadOnly { path: PathBuf },
    /// Too many symbolic links, or a loop of them.
    Links { path: PathBuf },
    /// The system refused (a missing folder, no permission, a full disk).
    Io { path: PathBuf, error: io::Error },
}

impl WriteError {
    /// Why nothing was written, as a message.
    pub fn message(&self) -> Message {
        match self {
            WriteError::NotAFile { path, kind } => {
                msg!("write-error.not-a-file", path = path.display().to_string(), kind = kind.message())
            }
            WriteError::NotReplaceable { path } => {
                msg!("write-error.not-replaceable", path = path.display().to_string())
            }
            WriteError::ReadOnly { path } => msg!("write-error.read-only", path = path.display().to_string()),
            WriteError::Links { path } => msg!("write-error.links", path = path.display().to_string()),
            WriteError::Io { path, error } => {
                let path = path.display().to_string();
                match error.kind() {
                    io::ErrorKind::NotFound => msg!("write-error.no-folder", path = path),
                    io::ErrorKind::PermissionDenied => msg!("write-error.permission", path = path),
                    _ => {
                        let text = error.to_string();
                        msg!("write-error", path = path, error = text.split(" (os error").next().unwrap_or(&text))
                    }
                }
            }
        }
    }
}

/// Writes `bytes` to `path` (through its links), keeping the mode of the
/// file replaced. An existing file is replaced only if `replaceable` says
/// so, given its path and its first bytes. Returns the file written.
pub fn replace(path: &Path, bytes: &[u8], replaceable: impl Fn(&Path, &[u8]) -> bool) -> Result<PathBuf, WriteError> {
    let target = resolve(path)?;
    let existing = match fs::metadata(&target) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(WriteError::Io { path: target, error }),
    };
    if let Some(existing) = &existing {
        if existing.permissions().readonly() {
            return Err(WriteError::ReadOnly { path: target });
        }
        if !replaceable(&target, &head(&target)) {
            return Err(WriteError::NotReplaceable { path: target });
        }
    }
    write_beside(&target, bytes, existing.as_ref()).map_err(|error| WriteError::Io { path: target.clone(), error })?;
    Ok(target)
}

/// The file a name stands for: itself, or the end of its chain of links
/// (which need not exist yet); refused if it is there but not a regular file.
fn resolve(path: &Path) -> Result<PathBuf, WriteError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let metadata = match fs::symlink_metadata(&current) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(error) => return Err(WriteError::Io { path: current, error }),
        };
        if metadata.file_type().is_symlink() {
            let link = fs::read_link(&current).map_err(|error| WriteError::Io { path: current.clone(), error })?;
            current = current.parent().map_or_else(|| link.clone(), |folder| folder.join(&link));
        } else if metadata.is_file() {
            return Ok(current);
        } else {
            return Err(WriteError::NotAFile { path: current, kind: kind(&metadata) });
        }
    }
    Err(WriteError::Links { path: path.to_path_buf() })
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A folder, a device, a socket (or a pipe, where none is allowed).
    NotAFile(FileKind),
    /// More than the limit, in bytes.
    TooLarge(u64),
    /// The system refused (no such file, no permission).
    Io(io::Error),
}

impl ReadError {
    /// Why the file was not read, as a message.
    pub fn message(&self) -> Message {
        match self {
            ReadError::NotAFile(kind) => msg!("read-error.not-a-file", kind = kind.message()),
            ReadError::TooLarge(limit) => msg!("read-error.too-large", megabytes = (limit / 1_000_000) as usize),
            ReadError::Io(error) => crate::diagnostics::read_failure(error),
        }
    }
}

/// The bytes of the file at `path`, at most `limit` of them, checked before
/// it is opened: a device or a socket is refused, and a pipe unless
/// `pipes` (opening a pipe nobody writes to would wait for ever).
pub fn read_bounded(path: &Path, limit: u64, pipes: bool) -> Result<Vec<u8>, ReadError> {
    if let Ok(metadata) = fs::metadata(path)
        && !metadata.is_file()
    {
        let kind = kind(&metadata);
        if !(pipes && kind == FileKind::Pipe) {
            return Err(ReadError::NotAFile(kind));
        }
    }
    let file = File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut io::Read::take(file, limit + 1), &mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// What `path` is (through its links) when it is there but is not a
/// regular file (a pipe, a device, …), so that a reader can refuse it
/// rather than wait on a pipe or read a device for ever.
pub fn not_regular(path: &Path) -> Option<FileKind> {
    fs::metadata(path).ok().filter(|metadata| !metadata.is_file()).map(|metadata| kind(&metadata))
}

/// What a name that is not a regular file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Pipe,
    Device,
    Socket,
    Folder,
    Other,
}

impl FileKind {
    /// What it is, as a message (`a folder`).
    pub fn message(self) -> Message {
        match self {
            FileKind::Pipe => msg!("file-kind.pipe"),
            FileKind::Device => msg!("file-kind.device"),
            FileKind::Socket => msg!("file-kind.socket"),
            FileKind::Folder => msg!("file-kind.folder"),
            FileKind::Other => msg!("file-kind.other"),
        }
    }
}

fn kind(metadata: &Metadata) -> FileKind {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return FileKind::Pipe;
        }
        if kind.is_char_device() || kind.is_block_device() {
            return FileKind::Device;
        }
        if kind.is_socket() {
            return FileKind::Socket;
        }
    }
    if metadata.is_dir() { FileKind::Folder } else { FileKind::Other }
}

/// The first bytes of an existing file (empty if it cannot be read).
fn head(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    if let Ok(file) = File::open(path) {
        let _ = io::Read::read_to_end(&mut io::Read::take(file, 256), &mut bytes);
    }
    bytes
}

/// Writes to a new file in `target`'s folder with the mode of `existing`,
/// then renames it over `target`; removes it if anything fails.
fn write_beside(target: &Path, bytes: &[u8], existing: Option<&Metadata>) -> io::Result<()> {
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy());
    let (temporary, mut file) = create_temporary(folder, &name)?;
    let written = (|| {
        if let Some(existing) = existing {
            file.set_permissions(existing.permissions())?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        if existing.is_some_and(has_other_names) {
            // A rename would leave the file's other names with the old text:
            // write the file itself, with the complete copy kept until then.
            write_in_place(target, bytes)?;
            return fs::remove_file(&temporary);
        }
        fs::rename(&temporary, target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// Whether the file has hard links besides the name being written.
#[cfg(unix)]
fn has_other_names(metadata: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink() > 1
}

#[cfg(not(unix))]
fn has_other_names(_: &Metadata) -> bool {
    false
}

fn write_in_place(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).truncate(true).open(target)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A new, empty file `.NAME.PID-N.tmp` in `folder` that did not exist before.
fn create_temporary(folder: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let mut last = io::Error::other("no temporary name was free");
    for n in 0..MAX_TEMPORARY_NAMES {
        let path = folder.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        match File::create_new(&path) {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => last = error,
            Err(error) => return Err(error),
        }
    }
    Err(last)
}

/// Writes a picture gd drew (an SVG) to `file`, through links, never into
/// a FIFO; an existing file is replaced only if it is an SVG.
pub fn write_svg(file: &Path, svg: &str) -> Result<(), WriteError> {
    let is_svg = |target: &Path, head: &[u8]| {
        target.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) || head.starts_with(b"<svg")
    };
    replace(file, svg.as_bytes(), is_svg).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(error: &WriteError) -> String {
        crate::catalogue::word(&error.message())
    }

    #[cfg(unix)]
    #[test]
    fn a_plot_goes_through_a_link_and_never_into_a_pipe_or_over_data() {
        let folder = tempfile::tempdir().expect("a folder");
        let drawn = crate::render::plot::svg("J", &[(0.0, 4.0), (1.0, 1.0), (2.0, 0.25)], None).expect("drawn");
        let real = folder.path().join("real.svg");
        std::fs::write(&real, "old").expect("written");
        let link = folder.path().join("p.svg");
        std::os::unix::fs::symlink(&real, &link).expect("a link");
        write_svg(&link, &drawn).expect("drawn");
        assert!(std::fs::symlink_metadata(&link).expect("there").file_type().is_symlink());
        assert!(std::fs::read_to_string(&real).expect("read").starts_with("<svg"));
        let fifo = folder.path().join("pipe.svg");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs").success());
        let problem = write_svg(&fifo, &drawn).expect_err("a FIFO is refused, not waited on");
        assert!(words(&problem).contains("named pipe"), "{problem:?}");
        let data = folder.path().join("data.csv");
        std::fs::write(&data, "a\n1\n").expect("written");
        assert!(words(&write_svg(&data, &drawn).expect_err("data is kept")).contains("not a file gd wrote"));
        assert_eq!(std::fs::read_to_string(&data).expect("read"), "a\n1\n");
        let plot = folder.path().join("plot");
        write_svg(&plot, &drawn).expect("drawn");
        write_svg(&plot, &drawn).expect("an SVG gd drew is replaced");
    }

    fn anything(_: &Path, _: &[u8]) -> bool {
        true
    }

    #[test]
    fn a_new_file_is_written_and_no_temporary_is_left() {
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("new.gd");
        assert_eq!(replace(&path, b"x = 1\n", anything).expect("written"), path);
        assert_eq!(fs::read_to_string(&path).expect("read"), "x = 1\n");
        assert_eq!(fs::read_dir(folder.path()).expect("listed").count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        use std::os::unix::fs::symlink;
        let folder = tempfile::tempdir().expect("a folder");
        let elsewhere = tempfile::tempdir().expect("another folder");
        let target = elsewhere.path().join("real.gd");
        fs::write(&target, "old\n").expect("written");
        let link = folder.path().join("link.gd");
        symlink(&target, &link).expect("a link");
        let chain = folder.path().join("chain.gd");
        symlink("link.gd", &chain).expect("a relative link to a link");
        assert_eq!(replace(&chain, b"new\n", anything).expect("written"), target);
        assert!(fs::symlink_metadata(&link).expect("there").file_type().is_symlink());
        assert!(fs::symlink_metadata(&chain).expect("there").file_type().is_symlink());
        assert_eq!(fs::read_to_string(&target).expect("read"), "new\n");
        assert_eq!(fs::read_dir(elsewhere.path()).expect("listed").count(), 1, "no temporary is left");
        let dangling = folder.path().join("dangling.gd");
        symlink(elsewhere.path().join("later.gd"), &dangling).expect("a link to nothing yet");
        replace(&dangling, b"made\n", anything).expect("written");
        assert_eq!(fs::read_to_string(elsewhere.path().join("later.gd")).expect("read"), "made\n");
        let looped = folder.path().join("loop.gd");
        symlink("loop.gd", &looped).expect("a loop");
        assert!(matches!(replace(&looped, b"x", anything), Err(WriteError::Links { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn every_name_of_a_hard_linked_file_sees_what_is_written() {
        let folder = tempfile::tempdir().expect("a folder");
        let first = folder.path().join("first.gd");
        fs::write(&first, "old\n").expect("written");
        let second = folder.path().join("second.gd");
        fs::hard_link(&first, &second).expect("a hard link");
        replace(&second, b"new\n", anything).expect("written");
        assert_eq!(fs::read_to_string(&first).expect("read"), "new\n");
        assert_eq!(fs::read_to_string(&second).expect("read"), "new\n");
        assert_eq!(fs::read_dir(folder.path()).expect("listed").count(), 2, "no temporary is left");
    }

    #[cfg(unix)]
    #[test]
    fn the_mode_of_the_file_replaced_is_kept() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("private.gd");
        fs::write(&path, "old\n").expect("written");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("mode set");
        replace(&path, b"new\n", anything).expect("written");
        assert_eq!(fs::metadata(&path).expect("there").permissions().mode() & 0o7777, 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o751)).expect("mode set");
        replace(&path, b"newer\n", anything).expect("written");
        assert_eq!(fs::metadata(&path).expect("there").permissions().mode() & 0o7777, 0o751);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("mode set");
        assert!(matches!(replace(&path, b"lost\n", anything), Err(WriteError::ReadOnly { .. })));
        assert_eq!(fs::read_to_string(&path).expect("read"), "newer\n", "a read-only file is kept");
    }

    #[cfg(unix)]
    #[test]
    fn what_is_not_a_regular_file_is_refused_untouched() {
        let folder = tempfile::tempdir().expect("a folder");
        let fifo = folder.path().join("pipe.gd");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
        let error = replace(&fifo, b"x", anything).expect_err("a FIFO is refused");
        assert!(words(&error).ends_with("pipe.gd is a named pipe (FIFO), not a regular file"), "{error:?}");
        let device = replace(Path::new("/dev/null"), b"x", anything).expect_err("a device is refused");
        assert!(words(&device).contains("is a device"), "{device:?}");
        let error = replace(folder.path(), b"x", anything).expect_err("a folder is refused");
        assert!(words(&error).contains("is a folder"), "{error:?}");
        assert_eq!(not_regular(&fifo), Some(FileKind::Pipe));
        assert_eq!(not_regular(Path::new("/dev/zero")), Some(FileKind::Device));
        assert_eq!(not_regular(folder.path().join("none").as_path()), None, "a missing file is for the reader to say");
        let link = folder.path().join("to-pipe.gd");
        std::os::unix::fs::symlink(&fifo, &link).expect("a link");
        assert!(matches!(replace(&link, b"x", anything), Err(WriteError::NotAFile { .. })));
        assert_eq!(fs::read_dir(folder.path()).expect("listed").count(), 2, "nothing was created");
    }

    #[test]
    fn a_file_the_caller_would_not_replace_is_kept() {
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("data.csv");
        fs::write(&path, "a,b\n1,2\n").expect("written");
        let error = replace(&path, b"x = 1\n", |_, head| head.starts_with(b"# gd")).expect_err("refused");
        assert!(matches!(error, WriteError::NotReplaceable { .. }));
        assert_eq!(fs::read_to_string(&path).expect("read"), "a,b\n1,2\n");
        let missing = folder.path().join("no/such/folder/x.gd");
        let error = replace(&missing, b"x", anything).expect_err("no folder");
        assert!(words(&error).starts_with("the folder of ") && words(&error).ends_with("x.gd does not exist"));
    }
}
