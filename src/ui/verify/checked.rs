//! The files opened on the verify page: each signed file read (its size checked first) and
//! verified, each Word file (.docx) read in the office worker — unsigned, never valid — and
//! each other file hashed for the attachment check, in the order they were chosen. A Word
//! document that is not the declaration is an attachment too. Kept by the page itself, so
//! that they stay checked while one of them is printed.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{files, office};
use crate::model::attachment_check::{looks_like_declaration, PresentFile};
use crate::model::error::UserError;
use crate::model::office::docx_read::{WordImport, WORD_FILE};
use crate::model::office::job::Refusal;
use crate::model::picked_file::ReadError;
use crate::model::signed_file::{verify, Verified, VerifyError, SIGNED_FILE};
use crate::ui::common::hashing::{hash_with_progress, Hashing};

/// Why a file is not shown as valid.
#[derive(Clone)]
pub(super) enum Failure {
    /// The browser could not read the file.
    Unreadable(ReadError),
    Invalid(VerifyError),
    /// A .docx the Word reader refused (a .doc saved as .docx, a damaged or hostile file).
    NotWord(Refusal),
}

impl Failure {
    /// The verdict in a word or two (see `VerifyError::verdict`).
    pub(super) fn verdict(&self) -> &'static str {
        match self {
            Failure::Unreadable(_) => "无法读取文件",
            Failure::Invalid(e) => e.verdict(),
            Failure::NotWord(_) => "不能读取的 Word 文件",
        }
    }
}

impl UserError for Failure {
    fn message(&self) -> String {
        match self {
            Failure::Unreadable(e) => e.message(),
            Failure::Invalid(e) => e.message(),
            Failure::NotWord(e) => e.message(),
        }
    }

    fn technical(&self) -> Option<String> {
        match self {
            Failure::Unreadable(e) => e.technical(),
            Failure::Invalid(e) => e.technical(),
            Failure::NotWord(e) => e.technical(),
        }
    }
}

/// What a file opened as a declaration turned out to be.
#[derive(Clone)]
pub(super) enum Outcome {
    /// A signed file, verified.
    Valid(Box<Verified>),
    /// A Word declaration read back: unsigned, never counted as valid.
    Word(Box<WordImport>),
    Invalid(Failure),
}

/// One file checked.
#[derive(Clone)]
pub(super) struct Checked {
    pub id: u64,
    pub name: String,
    pub outcome: Outcome,
}

/// Whether a file is read as a Word declaration (by its name, as .json files are verified).
pub(super) fn looks_like_word(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".docx")
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
            } else if !all_attachments && looks_like_word(&name) {
                self.read_word(file);
            } else {
                self.hash(file);
            }
        }
    }

    /// Hashes an attachment file, for the attachment check.
    fn hash(&self, file: files::PickedFile) {
        let name = file.name();
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

    /// Reads a Word file in the office worker: a declaration becomes a card of its own; a
    /// Word document that is not the form is taken as an attachment.
    fn read_word(&self, file: files::PickedFile) {
        let id = self.id();
        let page = *self;
        spawn_local(async move {
            let name = file.name();
            let outcome = match files::read_file(&file, WORD_FILE).await {
                Err(unreadable) => Outcome::Invalid(Failure::Unreadable(unreadable)),
                Ok(bytes) => match office::read_word(&bytes, &name).await {
                    Ok(import) => Outcome::Word(Box::new(import)),
                    Err(refusal) if refusal.not_the_form => {
                        page.hash(file);
                        return;
                    }
                    Err(refusal) => Outcome::Invalid(Failure::NotWord(refusal)),
                },
            };
            page.results
                .update(|r| r.push(Checked { id, name, outcome }));
        });
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
            let outcome = match outcome {
                Ok(verified) => Outcome::Valid(Box::new(verified)),
                Err(failure) => Outcome::Invalid(failure),
            };
            results.update(|r| r.push(Checked { id, name, outcome }));
        });
    }
}
