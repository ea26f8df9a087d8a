//! One small stable sort for the app's short lists (drafts, problems, towns, files: tens of
//! items, a few hundred at most). The standard library's sort is compiled anew for every element
//! type and every comparison closure — about 4 KB of wasm each time, ten times over — while this
//! one is compiled once per element type and costs a few hundred bytes.

#[cfg(test)]
mod tests;

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (insertion sort: quadratic,
/// which for these lists is microseconds).
pub fn sort_by<T>(items: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `items` by the key `key` gives each, keeping equal items in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, &|a, b| key(a).cmp(&key(b)));
}
