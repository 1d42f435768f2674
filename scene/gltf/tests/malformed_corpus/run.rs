//! Running one case of the malformed corpus: the importer's input, the outcome, a panic
//! hook that records where rayon workers panicked, and [`run_case`], which imports on a
//! thread of its own under `catch_unwind` and waits at most [`CASE_LIMIT`].

use crate::CASE_LIMIT;
use museion_gltf::Error;
use museion_gltf::{ImportOptions, import_slice, import_with};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What the importer is given.
#[derive(Clone)]
pub(crate) enum Input {
    /// `import_with(path)`.
    Path(PathBuf),
    /// `import_slice(bytes, name, Some(base_dir))`.
    Bytes {
        bytes: Vec<u8>,
        name: PathBuf,
        base: PathBuf,
    },
}

pub(crate) struct Case {
    pub(crate) id: usize,
    pub(crate) label: String,
    /// Every mutation applied, described.
    pub(crate) notes: Vec<String>,
    /// Why the result must be an `Err` (empty when either outcome is fine).
    pub(crate) must_reject: Vec<String>,
    /// The file errors must name.
    pub(crate) file: PathBuf,
    pub(crate) input: Input,
    pub(crate) options: ImportOptions,
}

impl Case {
    pub(crate) fn input_name(&self) -> String {
        match &self.input {
            Input::Path(p) => format!("import {}", p.file_name().unwrap_or_default().to_string_lossy()),
            Input::Bytes { name, .. } => format!("import_slice {}", name.display()),
        }
    }
}

#[derive(Debug)]
pub(crate) enum Outcome {
    Ok,
    Err {
        variant: String,
        message: String,
        file: Option<PathBuf>,
    },
    Panic(String),
    Timeout,
}

/// Panic messages with their locations, recorded by the hook (panics inside rayon jobs
/// happen on worker threads and reach the case's thread as a bare payload).
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub(crate) fn install_panic_recorder() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let location = info
            .location()
            .map_or_else(|| "unknown location".to_owned(), |l| l.to_string());
        let thread = std::thread::current().name().unwrap_or("unnamed").to_owned();
        if let Ok(mut panics) = PANICS.lock() {
            panics.push(format!(
                "at {location} on thread {thread}: {}",
                payload_text(info.payload())
            ));
        }
        previous(info);
    }));
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic payload".into())
}

fn variant_name(e: &Error) -> String {
    format!("{e:?}")
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect()
}

/// Imports the case on a thread of its own, under `catch_unwind`, and waits at most
/// [`CASE_LIMIT`]. A case that runs longer is left running (the process ends with the
/// test) and reported as a timeout.
pub(crate) fn run_case(case: &Case) -> (Outcome, Duration) {
    let (input, options) = (case.input.clone(), case.options.clone());
    if let Ok(mut panics) = PANICS.lock() {
        panics.clear();
    }
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::Builder::new()
        .name(format!("corpus-case-{}", case.id))
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| {
                let imported = match &input {
                    Input::Path(path) => import_with(path, &options),
                    Input::Bytes { bytes, name, base } => import_slice(bytes, name, Some(base), &options),
                };
                match imported {
                    Ok(imported) => {
                        // Read the result back the way users do: none of it may panic.
                        let _ = imported.scene.instances().count();
                        let _ = imported.scene.stats();
                        let _ = imported.report.warnings.iter().map(ToString::to_string).count();
                        Outcome::Ok
                    }
                    Err(e) => Outcome::Err {
                        variant: variant_name(&e),
                        message: e.to_string(),
                        file: e.location().map(|l| l.file.clone()),
                    },
                }
            }));
            let outcome = result.unwrap_or_else(|payload| {
                let recorded = PANICS.lock().map(|p| p.join(" | ")).unwrap_or_default();
                Outcome::Panic(format!("{} [{recorded}]", payload_text(payload.as_ref())))
            });
            let _ = tx.send(outcome);
        })
        .expect("spawn a case thread");
    match rx.recv_timeout(CASE_LIMIT) {
        Ok(outcome) => (outcome, start.elapsed()),
        Err(_) => (Outcome::Timeout, start.elapsed()),
    }
}
