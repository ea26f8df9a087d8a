//! 已登记的密钥: the local list of other offices' keys (fingerprint → office name): rename,
//! remove, or add one by its fingerprint.

use leptos::prelude::*;

use crate::ui::fields::PlainInput;
use crate::ui::signing::key_panel::Fingerprint;
use crate::ui::signing::SigningState;

#[component]
pub fn KnownKeysManager(signing: SigningState) -> impl IntoView {
    let new_fingerprint = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);
    let row_error = RwSignal::new(None::<String>);
    let add = move |_| {
        let mut result = Ok(String::new());
        signing.edit_known_keys(|k| {
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
    let rows = move || {
        signing.known_keys.with(|keys| {
            keys.iter()
                .map(|(fingerprint, name)| (fingerprint.to_string(), name.to_string()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="known-keys" aria-labelledby="known-keys-title">
            <h2 id="known-keys-title">"已登记的密钥"</h2>
            <p class="field-hint">
                "登记各单位的密钥指纹后，核验结果会写明签名者，如“桐庐县美镇办（已登记）”。名单只保存在本浏览器中。"
            </p>
            {move || {
                signing
                    .known_keys_problem
                    .get()
                    .map(|p| view! { <p class="key-warning" role="alert">{p}</p> })
            }}
            {move || {
                let rows = rows();
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
                                            signing.edit_known_keys(|k| result = k.register(&fp_rename, &text));
                                            row_error.set(result.err().map(|e| e.message()));
                                        }
                                    />
                                </td>
                                <td>
                                    <button
                                        type="button"
                                        class="button button-secondary button-small"
                                        aria-label=remove_label
                                        on:click=move |_| signing.edit_known_keys(|k| k.remove(&fp_remove))
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
            }}
            {move || row_error.get().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
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
