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
    /// Each export's writer thread, and the unfinished file's name.
    jobs: HashMap<JobId, (mpsc::Sender<Cmd>, String)>,
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
                let partial = format!("{path}{PARTIAL}");
                let spawned = std::thread::Builder::new()
                    .name(format!("export-{job}"))
                    .spawn(move || write_file(job, &path, format, selection, clear, &rx, &tx));
                match spawned {
                    Ok(_) => {
                        self.jobs.insert(job, (cmds, partial));
                    }
                    Err(e) => {
                        let _ = self.tx.send(Msg::Export(ExportNote::Finished {
                            job,
                            result: Err(e.to_string()),
                        }));
                    }
                }
            }
            ExportEffect::Rows { job, rows } => {
                if let Some((cmds, _)) = self.jobs.get(&job) {
                    let _ = cmds.send(Cmd::Rows(rows.0));
                }
            }
            ExportEffect::Finish { job } => {
                if let Some((cmds, _)) = self.jobs.get(&job) {
                    let _ = cmds.send(Cmd::Finish);
                }
            }
            ExportEffect::Discard { job, keep } => {
                let Some((cmds, partial)) = self.jobs.remove(&job) else {
                    // Never opened: nothing on disk.
                    note(&self.tx, ExportNote::Discarded { job, kept: None });
                    return;
                };
                if cmds.send(Cmd::Discard { keep }).is_err() {
                    // The writer has ended (a failed finish): the unfinished file is as it
                    // left it.
                    let kept = Path::new(&partial).exists().then_some(partial);
                    if let (Some(p), false) = (&kept, keep) {
                        let _ = std::fs::remove_file(p);
                        note(&self.tx, ExportNote::Discarded { job, kept: None });
                        return;
                    }
                    note(&self.tx, ExportNote::Discarded { job, kept });
                }
            }
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
        // A new file only (never over a `.partial` kept from an earlier export), readable by
        // its owner alone when it holds IBANs and card numbers in clear.
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        if clear {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        options
            .open(&partial)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::export_io::Rows;
    use crate::app::resources::{Res, Wallets, rows};
    use crate::domain::cashless::{Wallet, WalletMode, WalletStatus};

    fn wallet(i: u32) -> Wallet {
        Wallet {
            id: format!("w{i}"),
            stay_id: "=cmd|' /C calc'!A0".into(),
            establishment_id: "e".into(),
            mode: WalletMode::Prepaid,
            currency: crate::domain::Currency::EUR,
            balance: crate::domain::Cents(-5),
            credit_limit: None,
            medium_ref: None,
            status: WalletStatus::Open,
            opened_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn open(files: &mut ExportFiles, job: JobId, path: &str) {
        files.perform(ExportEffect::Open {
            job,
            path: path.into(),
            format: Format::Csv,
            selection: Selection::all(Res::of::<Wallets>()),
            clear: false,
        });
    }

    async fn next(rx: &mut tokio::sync::mpsc::UnboundedReceiver<Msg>) -> ExportNote {
        match rx.recv().await {
            Some(Msg::Export(note)) => note,
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn a_file_is_partial_until_finished_and_a_cancel_removes_it() {
        let dir = tempfile::tempdir().expect("dir");
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut files = ExportFiles::new(tx);
        let path = dir.path().join("w.csv").display().to_string();
        open(&mut files, 1, &path);
        let batch = Rows(rows::<Wallets>(vec![wallet(1), wallet(2)]));
        files.perform(ExportEffect::Rows {
            job: 1,
            rows: batch,
        });
        assert!(matches!(
            next(&mut rx).await,
            ExportNote::Written {
                job: 1,
                rows: 2,
                ..
            }
        ));
        assert!(Path::new(&format!("{path}{PARTIAL}")).exists());
        assert!(
            !Path::new(&path).exists(),
            "no complete name before the end"
        );
        files.perform(ExportEffect::Finish { job: 1 });
        let ExportNote::Finished { job: 1, result } = next(&mut rx).await else {
            panic!("finished")
        };
        assert_eq!(result, Ok(path.clone()));
        let text = std::fs::read_to_string(&path).expect("file");
        assert_eq!(text.lines().count(), 3);
        assert!(
            text.contains("w1,'=cmd|"),
            "guarded against formulas: {text}"
        );
        assert!(text.contains(",-0.05,EUR,"), "numbers are not: {text}");

        // The same name again is refused; a cancelled one leaves nothing.
        open(&mut files, 2, &path);
        let ExportNote::Finished { job: 2, result } = next(&mut rx).await else {
            panic!("refused")
        };
        assert!(result.expect_err("exists").contains("already exists"));
        let other = dir.path().join("x.csv").display().to_string();
        open(&mut files, 3, &other);
        files.perform(ExportEffect::Discard {
            job: 3,
            keep: false,
        });
        assert_eq!(
            next(&mut rx).await,
            ExportNote::Discarded { job: 3, kept: None }
        );
        assert!(!Path::new(&format!("{other}{PARTIAL}")).exists());
    }
}
