//! The files opened on the verify page: each signed file read (its size checked first) and
//! verified, each other file hashed for the attachment check, in the order they were chosen.
//! Kept by the page itself, so that they stay checked while one of them is printed.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::files;
use crate::model::attachment_check::{looks_like_declaration, PresentFile};
use crate::model::error::UserError;
use crate::model::picked_file::ReadError;
use crate::model::signed_file::{verify, Verified, VerifyError, SIGNED_FILE};
use crate::ui::common::hashing::{hash_with_progress, Hashing};

/// Why a file is not shown as valid.
#[derive(Clone)]
pub(super) enum Failure {
    /// The browser could not read the file.
    Unreadable(ReadError),
    Invalid(VerifyError),
}

impl Failure {
    /// The verdict in a word or two (see `VerifyError::verdict`).
    pub(super) fn verdict(&self) -> &'static str {
        match self {
            Failure::Unreadable(_) => "无法读取文件",
            Failure::Invalid(e) => e.verdict(),
        }
    }
}

impl UserError for Failure {
    fn message(&self) -> String {
        match self {
            Failure::Unreadable(e) => e.message(),
            Failure::Invalid(e) => e.message(),
        }
    }

    fn technical(&self) -> Option<String> {
        match self {
            Failure::Unreadable(e) => e.technical(),
            Failure::Invalid(e) => e.technical(),
        }
    }
}

/// One file checked.
#[derive(Clone)]
pub(super) struct Checked {
    pub id: u64,
    pub name: String,
    pub outcome: Result<Verified, Failure>,
}

/// Everything the page holds; `Copy`. Made by the app, so that the files stay checked while
/// one of them is printed.
#[derive(Clone, Copy)]
pub struct Page {
    pub(super) results: RwSignal<Vec<Checked>>,
    /// The attachment files provided, by name and digest.
    pub(super) present: RwSignal<Vec<PresentFile>>,
    pub(super) hashing: RwSignal<Vec<Hashing>>,
    next_id: StoredValue<u64>,
}

impl Page {
    /// No file yet.
    pub fn empty() -> Self {
        Page {
            results: RwSignal::new(Vec::new()),
            present: RwSignal::new(Vec::new()),
            hashing: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    fn id(&self) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// Verifies declaration files; hashes the others (or all, for the attachments zone).
    pub(super) fn take(&self, list: Vec<files::PickedFile>, all_attachments: bool) {
        for file in list {
            let name = file.name();
            if !all_attachments && looks_like_declaration(&name) {
                self.check(file);
            } else {
                let present = self.present;
                hash_with_progress(file, self.hashing, self.next_id, move |result| {
                    if let Ok(sha256) = result {
                        present.update(|p| {
                            p.retain(|f| f.name != name);
                            p.push(PresentFile { name, sha256 });
                        });
                    }
                });
            }
        }
    }

    fn check(&self, file: files::PickedFile) {
        let id = self.id();
        let results = self.results;
        spawn_local(async move {
            let name = file.name();
            // The size is checked before a byte is read.
            let outcome = match files::read_file(&file, SIGNED_FILE).await {
                // Too large to be one: the verdict any file that large gets.
                Err(ReadError::TooLarge { size, .. }) => {
                    Err(Failure::Invalid(VerifyError::TooLarge {
                        size: usize::try_from(size).unwrap_or(usize::MAX),
                    }))
                }
                Err(unreadable) => Err(Failure::Unreadable(unreadable)),
                Ok(bytes) => verify(&bytes).map_err(Failure::Invalid),
            };
            results.update(|r| r.push(Checked { id, name, outcome }));
        });
    }
}
