//! Times the drafts storage path natively: saving a maximum-length draft, loading 100 of them,
//! and exporting / parsing a backup of 100. Prints median and p95; asserts nothing.
//!
//! `cargo run --release --example bench_drafts`

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use meizhen_shenbao::model::backup::export::{backup_json, export_drafts};
use meizhen_shenbao::model::backup::parse_backup;
use meizhen_shenbao::model::declaration::{
    CreationType, CustomLocation, Declaration, Person, Scope, TownRef,
};
use meizhen_shenbao::model::drafts::store::DraftStore;
use meizhen_shenbao::model::drafts::{Draft, DraftId};
use meizhen_shenbao::model::storage::memory::MemoryStore;
use meizhen_shenbao::model::validate::limits;

const WARM_UP: usize = 10;
const RUNS: usize = 200;
const DRAFTS: usize = 100;

/// `n` CJK characters (3 UTF-8 bytes each, 1 UTF-16 unit), cycling so that nothing compresses.
fn text(n: usize, seed: usize) -> String {
    const POOL: &[char] = &[
        '杭', '州', '美', '丽', '城', '镇', '集', '群', '化', '建', '设', '申', '报', '富', '春',
        '江', '桐', '庐', '共', '绘',
    ];
    (0..n).map(|i| POOL[(i + seed) % POOL.len()]).collect()
}

fn person(seed: usize) -> Person {
    Person {
        name: text(limits::PERSON_NAME, seed),
        unit: text(limits::UNIT, seed + 1),
        title: text(limits::TITLE, seed + 2),
        phone: "0".repeat(limits::PHONE),
    }
}

/// Every text at its maximum length, `limits::TOWNS` hand-entered towns with maximum-length
/// names and places.
fn max_declaration(seed: usize) -> Declaration {
    Declaration {
        cluster_name: text(limits::CLUSTER_NAME, seed),
        applicant: "330122".into(),
        applicant_office: text(limits::UNIT, seed + 1),
        towns: (0..limits::TOWNS)
            .map(|i| TownRef::Custom {
                name: text(limits::TOWN_NAME, seed + i),
                location: CustomLocation::OutsideZhejiang {
                    place: text(limits::PLACE, seed + i + 7),
                },
            })
            .collect(),
        creation_type: Some(CreationType::Composite),
        scope: Some(Scope::AcrossCities),
        coordinator: person(seed + 3),
        contact: person(seed + 5),
        task_force_date: "2021-04-30".into(),
        implementation_plan_date: "2021-06-30".into(),
        task_list_date: "2021-07-31".into(),
        cluster_plan_date: "2021-09-30".into(),
        stage_results: text(limits::STAGE_RESULTS, seed + 11),
        summary: text(limits::SUMMARY, seed + 13),
        attachments: Vec::new(),
        declared_on: "2021-05-10".into(),
    }
}

fn id(n: usize) -> DraftId {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&(n as u64).to_be_bytes());
    DraftId::from_random(&bytes)
}

fn at(second: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_620_000_000 + second, 0)
        .single()
        .expect("valid time")
}

fn max_draft(n: usize) -> Draft {
    let mut draft = Draft::new(id(n), at(n as i64));
    draft.set_name(&text(limits::CLUSTER_NAME, n + 17));
    draft.declaration = max_declaration(n);
    draft
}

/// A store holding `DRAFTS` maximum-length drafts (revision 1 each).
fn store_of_100() -> (DraftStore<MemoryStore>, Vec<Draft>) {
    let mut store = DraftStore::new(MemoryStore::new());
    let mut drafts = Vec::with_capacity(DRAFTS);
    for n in 0..DRAFTS {
        let mut draft = max_draft(n);
        store
            .insert_new(&mut draft, at(n as i64))
            .expect("insert draft");
        drafts.push(draft);
    }
    (store, drafts)
}

/// Runs `f` `WARM_UP` times untimed, then `RUNS` times timed; prints median and p95.
fn bench(name: &str, mut f: impl FnMut()) {
    for _ in 0..WARM_UP {
        f();
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95).div_ceil(100) - 1];
    println!(
        "{name:<52} median {:>9.3} ms   p95 {:>9.3} ms   (n = {RUNS})",
        median.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3
    );
}

fn main() {
    // One maximum-length draft through DraftStore::save (re-read + check + serialise + set).
    let mut store = DraftStore::new(MemoryStore::new());
    let mut draft = max_draft(0);
    store.insert_new(&mut draft, at(0)).expect("insert draft");
    let record_bytes = draft.to_record_json().expect("serialise").len();
    let mut tick = 0i64;
    bench("save: 1 max-length draft (30 towns)", || {
        tick += 1;
        // A one-character edit, as typing would make.
        draft.declaration.summary.pop();
        draft
            .declaration
            .summary
            .push(if tick % 2 == 0 { '甲' } else { '乙' });
        let outcome = store.save(&mut draft, at(tick)).expect("save");
        black_box(outcome);
    });

    // load_all over 100 such drafts.
    let (mut store, drafts) = store_of_100();
    let stored_bytes = store.store().size_bytes();
    bench("load_all: 100 max-length drafts", || {
        let report = store.load_all(at(10_000)).expect("load_all");
        assert_eq!(report.drafts.len(), DRAFTS);
        black_box(report);
    });

    // Backup export (serialise the file) and parse (read and check it).
    let mut json = String::new();
    bench("backup export (backup_json): 100 drafts", || {
        json = backup_json(&drafts, at(20_000)).expect("export");
        black_box(&json);
    });
    bench("backup export (export_drafts, scan + json): 100", || {
        let export = export_drafts(&store, None, at(20_000)).expect("export");
        black_box(export);
    });
    bench("backup parse (parse_backup): 100 drafts", || {
        let backup = parse_backup(json.as_bytes()).expect("parse");
        assert_eq!(backup.drafts.len(), DRAFTS);
        black_box(backup);
    });

    println!();
    println!("one stored record: {record_bytes} bytes (UTF-8)");
    println!(
        "store of {DRAFTS} drafts: {stored_bytes} bytes (UTF-8); backup file: {} bytes",
        json.len()
    );
}
