//! The console's export files: each export writes on a thread of its own (the event loop
//! never waits on the disk) through the shared row writer, under a `.partial` name until
//! it is complete, and reports rows written, the file complete, or what became of an
//! unfinished file. It decides nothing: which rows come, and when to stop, is the app's.

use crate::app::export::{Format, RowWriter, Selection};
use crate::app::export_io::{ExportEffect, ExportNote, JobId, PARTIAL};
use crate::app::msg::Msg;
use crate::app::resources::RowRef;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter};
use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;
use tokio::sync::mpsc::UnboundedSender;

enum Cmd {
    Rows(Vec<RowRef>),
    Finish,
    Discard { keep: bool },
}

/// The export files being written, by job.
pub struct ExportFiles {
    tx: UnboundedSender<Msg>,
    jobs: HashMap<JobId, mpsc::Sender<Cmd>>,
}

impl ExportFiles {
    pub fn new(tx: UnboundedSender<Msg>) -> ExportFiles {
        ExportFiles {
            tx,
            jobs: HashMap::new(),
        }
    }

    pub fn perform(&mut self, effect: ExportEffect) {
        match effect {
            ExportEffect::Clock => {
                let _ = self
                    .tx
                    .send(Msg::Export(ExportNote::Now(chrono::Utc::now())));
            }
            ExportEffect::Open {
                job,
                path,
                format,
                selection,
                clear,
            } => {
                let (cmds, rx) = mpsc::channel();
                let tx = self.tx.clone();
                let spawned = std::thread::Builder::new()
                    .name(format!("export-{job}"))
                    .spawn(move || write_file(job, &path, format, selection, clear, &rx, &tx));
                match spawned {
                    Ok(_) => {
                        self.jobs.insert(job, cmds);
                    }
                    Err(e) => {
                        let _ = self.tx.send(Msg::Export(ExportNote::Finished {
                            job,
                            result: Err(e.to_string()),
                        }));
                    }
                }
            }
            ExportEffect::Rows { job, rows } => self.send(job, Cmd::Rows(rows.0)),
            ExportEffect::Finish { job } => {
                self.send(job, Cmd::Finish);
                self.jobs.remove(&job);
            }
            ExportEffect::Discard { job, keep } => {
                if self.jobs.contains_key(&job) {
                    self.send(job, Cmd::Discard { keep });
                    self.jobs.remove(&job);
                } else {
                    // Never opened (or already closed): nothing on disk to keep.
                    let _ = self
                        .tx
                        .send(Msg::Export(ExportNote::Discarded { job, kept: None }));
                }
            }
        }
    }

    fn send(&mut self, job: JobId, cmd: Cmd) {
        if let Some(cmds) = self.jobs.get(&job) {
            let _ = cmds.send(cmd);
        }
    }
}

fn note(tx: &UnboundedSender<Msg>, note: ExportNote) {
    let _ = tx.send(Msg::Export(note));
}

/// One export file, from its opening to its end (complete, kept unfinished, or removed).
fn write_file(
    job: JobId,
    path: &str,
    format: Format,
    selection: Selection,
    clear: bool,
    cmds: &mpsc::Receiver<Cmd>,
    tx: &UnboundedSender<Msg>,
) {
    let partial = format!("{path}{PARTIAL}");
    let started = Instant::now();
    let opened = if Path::new(path).exists() {
        Err(format!("{path} already exists; choose another name"))
    } else {
        File::create(&partial)
            .and_then(|f| RowWriter::start(BufWriter::new(f), format, selection))
            .map_err(|e| format!("cannot create {partial}: {e}"))
    };
    let mut writer = match opened {
        Ok(w) => Some(w),
        Err(reason) => {
            note(
                tx,
                ExportNote::Finished {
                    job,
                    result: Err(reason),
                },
            );
            None
        }
    };
    let created = writer.is_some();
    while let Ok(cmd) = cmds.recv() {
        match cmd {
            Cmd::Rows(rows) => {
                let Some(w) = &mut writer else { continue };
                let written: io::Result<()> = rows.iter().try_for_each(|r| {
                    if clear {
                        w.values(&r.export_clear())
                    } else {
                        w.row(r)
                    }
                });
                match written {
                    Ok(()) => {
                        let elapsed_ms =
                            u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
                        let rows = w.rows();
                        note(
                            tx,
                            ExportNote::Written {
                                job,
                                rows,
                                elapsed_ms,
                            },
                        );
                    }
                    Err(e) => {
                        writer = None;
                        let result = Err(format!("writing {partial}: {e}"));
                        note(tx, ExportNote::Finished { job, result });
                    }
                }
            }
            Cmd::Finish => {
                let Some(w) = writer.take() else { continue };
                let result = complete(w, &partial, path);
                note(tx, ExportNote::Finished { job, result });
                return;
            }
            Cmd::Discard { keep } => {
                drop(writer.take());
                let kept = if !created {
                    None
                } else if keep {
                    Some(partial.clone())
                } else {
                    if let Err(e) = std::fs::remove_file(&partial) {
                        tracing::warn!("cannot remove {partial}: {e}");
                    }
                    None
                };
                note(tx, ExportNote::Discarded { job, kept });
                return;
            }
        }
    }
}

/// Ends the output, puts it on the disk, and gives it its name.
fn complete(w: RowWriter<BufWriter<File>>, partial: &str, path: &str) -> Result<String, String> {
    let fail = |e: io::Error| format!("finishing {partial}: {e}");
    let file = w
        .finish()
        .map_err(fail)?
        .into_inner()
        .map_err(|e| fail(e.into_error()))?;
    file.sync_all().map_err(fail)?;
    if Path::new(path).exists() {
        return Err(format!(
            "{path} appeared meanwhile; the export is in {partial}"
        ));
    }
    std::fs::rename(partial, path).map_err(|e| format!("naming {path}: {e}"))?;
    Ok(path.to_string())
}
