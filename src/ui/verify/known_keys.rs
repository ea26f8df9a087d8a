//! 已登记的密钥: the local list of other offices' keys (fingerprint → office name): rename,
//! remove, or add one by its fingerprint.

use leptos::prelude::*;

use crate::browser::files;
use crate::browser::storage::LocalStore;
use crate::model::error::UserError;
use crate::model::key_registry::{
    load_known_keys, parse_key_list_bytes, save_known_keys, write_key_list, KnownKeys,
    KEY_LIST_FILE,
};
use crate::ui::common::picked::read_chosen;
use crate::ui::common::Fingerprint;
use crate::ui::fields::PlainInput;

/// The known keys of other offices, as the verify page holds them; `Copy`.
#[derive(Clone, Copy)]
pub struct KnownKeysState {
    /// By fingerprint.
    pub keys: RwSignal<KnownKeys>,
    /// Why the list cannot be saved or read, if so.
    pub problem: RwSignal<Option<String>>,
}

impl KnownKeysState {
    /// The list kept in this browser (empty, with the reason, where it cannot be read).
    pub fn load() -> Self {
        let loaded = LocalStore::open()
            .map_err(|e| e.message())
            .and_then(|store| load_known_keys(&store));
        let (keys, problem) = match loaded {
            Ok(keys) => (keys, None),
            Err(message) => (KnownKeys::default(), Some(message)),
        };
        KnownKeysState {
            keys: RwSignal::new(keys),
            problem: RwSignal::new(problem),
        }
    }

    /// Changes the list and stores it.
    pub fn edit(&self, change: impl FnOnce(&mut KnownKeys)) {
        self.keys.update(change);
        let result = LocalStore::open()
            .and_then(|mut store| self.keys.with_untracked(|k| save_known_keys(&mut store, k)))
            .map_err(|e| {
                format!(
                    "已登记的密钥未能保存在浏览器中，关闭页面后将丢失：{}",
                    e.message()
                )
            });
        self.problem.set(result.err());
    }
}

/// 已登记的密钥: the list (each name edited in place), kept as a text file too, and a key added
/// by its fingerprint.
#[component]
pub fn KnownKeysManager(known: KnownKeysState) -> impl IntoView {
    let new_fingerprint = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);
    let row_error = RwSignal::new(None::<String>);
    let add = move |_| {
        let mut result = Ok(String::new());
        known.edit(|k| {
            result = k.register(&new_fingerprint.get_untracked(), &new_name.get_untracked())
        });
        match result {
            Ok(_) => {
                add_error.set(None);
                new_fingerprint.set(String::new());
                new_name.set(String::new());
            }
            Err(e) => add_error.set(Some(e.message())),
        }
    };
    // The list as a text file, one key per line (the format `meizhen --keys` reads).
    let list_message = RwSignal::new(None::<(bool, Vec<String>)>);
    let export_list = move |_| export_key_list(known, list_message);
    let import_list = move |ev: leptos::ev::Event| import_key_list(&ev, known, list_message);
    view! {
        <section class="known-keys" aria-labelledby="known-keys-title">
            <h2 id="known-keys-title">"已登记的密钥"</h2>
            <p class="field-hint">
                "登记各单位的密钥指纹后，核验结果会写明签名者，如“桐庐县美镇办（已登记）”。名单只保存在本浏览器中。"
            </p>
            {move || {
                known
                    .problem
                    .get()
                    .map(|p| view! { <p class="key-warning" role="alert">{p}</p> })
            }}
            {move || key_table(known, row_error)}
            {move || row_error.get().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
            <div class="inline-row">
                <button type="button" class="button button-secondary" on:click=export_list>
                    "导出名单（.txt）"
                </button>
                <label class="button button-secondary file-button" for="known-keys-import">
                    "导入名单…"
                </label>
                <input
                    id="known-keys-import"
                    class="visually-hidden"
                    type="file"
                    accept=".txt,text/plain"
                    on:change=import_list
                />
            </div>
            <p class="field-hint">
                "名单每行一个密钥：密钥指纹（64 位十六进制数字，可每 4 位空一格）、空格、单位名称；与命令行的“--keys”名单通用。"
            </p>
            {move || {
                list_message
                    .get()
                    .map(|(ok, lines)| {
                        let items = lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view();
                        view! {
                            <ul class=if ok { "list-message" } else { "list-message error-message" } role="status">
                                {items}
                            </ul>
                        }
                    })
            }}
            <details class="key-details">
                <summary>"按指纹登记密钥"</summary>
                <div class="two-columns">
                    <PlainInput
                        id="known-key-fingerprint"
                        label="密钥指纹"
                        hint="64 位十六进制数字，可含空格，如纸质申报表上所印"
                        value=new_fingerprint
                        autocomplete="off"
                        spellcheck="false"
                    />
                    <PlainInput
                        id="known-key-name"
                        label="单位名称"
                        hint="如“桐庐县美镇办”"
                        value=new_name
                    />
                </div>
                {move || add_error.get().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
                <button type="button" class="button button-secondary" on:click=add>
                    "登记密钥"
                </button>
            </details>
        </section>
    }
}

/// Each known key: its fingerprint, its office's name (edited in place), and a remove button;
/// or that there is none.
fn key_table(known: KnownKeysState, row_error: RwSignal<Option<String>>) -> AnyView {
    let rows = known.keys.with(|keys| {
        keys.iter()
            .map(|(fingerprint, name)| (fingerprint.to_string(), name.to_string()))
            .collect::<Vec<_>>()
    });
    if rows.is_empty() {
        return view! { <p class="results-empty">"尚未登记密钥。"</p> }.into_any();
    }
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(i, (fingerprint, name))| {
            let input_id = format!("known-key-name-{i}");
            let fp_rename = fingerprint.clone();
            let fp_remove = fingerprint.clone();
            let remove_label = format!("删除 {name}");
            view! {
                <tr>
                    <td><Fingerprint hex=fingerprint.clone() /></td>
                    <td>
                        <label class="visually-hidden" for=input_id.clone()>
                            {format!("单位名称（{}）", fingerprint.get(..8).unwrap_or_default())}
                        </label>
                        <input
                            id=input_id
                            class="input"
                            value=name
                            on:change=move |ev| {
                                let text = event_target_value(&ev);
                                let mut result = Ok(String::new());
                                known.edit(|k| result = k.register(&fp_rename, &text));
                                row_error.set(result.err().map(|e| e.message()));
                            }
                        />
                    </td>
                    <td>
                        <button
                            type="button"
                            class="button button-secondary button-small"
                            aria-label=remove_label
                            on:click=move |_| known.edit(|k| k.remove(&fp_remove))
                        >
                            "删除"
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="known-keys-table">
            <thead>
                <tr>
                    <th scope="col">"密钥指纹"</th>
                    <th scope="col">"单位名称"</th>
                    <th scope="col"><span class="visually-hidden">"操作"</span></th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
    .into_any()
}

/// 导出名单（.txt）: the list as a text file, one key per line (the format `meizhen --keys`
/// reads).
fn export_key_list(known: KnownKeysState, message: RwSignal<Option<(bool, Vec<String>)>>) {
    let text = known.keys.with_untracked(write_key_list);
    let result = files::download(
        "已登记的签名密钥.txt",
        text.as_bytes(),
        "text/plain;charset=utf-8",
    );
    message.set(
        result
            .err()
            .map(|_| (false, vec!["浏览器未能保存文件，请重试。".to_string()])),
    );
}

/// 导入名单…: the chosen list file read, every problem in it said, and its keys merged in
/// unless it has errors.
fn import_key_list(
    event: &leptos::ev::Event,
    known: KnownKeysState,
    message: RwSignal<Option<(bool, Vec<String>)>>,
) {
    read_chosen(event, KEY_LIST_FILE, move |_, read| {
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(e) => {
                message.set(Some((false, vec![e.message()])));
                return;
            }
        };
        let list = parse_key_list_bytes(&bytes);
        let mut lines: Vec<String> = list.problems.iter().map(|p| p.describe()).collect();
        if list.has_errors() {
            lines.insert(0, "名单有误，未导入任何密钥：".to_string());
            message.set(Some((false, lines)));
            return;
        }
        let mut merged = (0, Vec::new());
        known.edit(|known| merged = known.merge(&list.keys));
        let (added, warnings) = merged;
        lines.extend(warnings);
        lines.insert(
            0,
            format!("已导入 {added} 个密钥（名单中共 {} 个）。", list.keys.len()),
        );
        message.set(Some((true, lines)));
    });
}
