//! The paginator of section and tag lists: a window of page links.

use serde::Serialize;

use super::Job;
use crate::render::context::Shapes;

#[derive(Serialize)]
pub(super) struct Paginator {
    current: usize,
    total: usize,
    prev_url: String,
    next_url: String,
    first_url: String,
    last_url: String,
    pages: Vec<PaginatorPage>,
}

/// A link of the paginator, or a gap (`…`) where numbers are left out.
#[derive(Serialize)]
struct PaginatorPage {
    number: usize,
    url: String,
    current: bool,
    gap: bool,
}

impl Shapes<'_> {
    /// Page `n` of `total` of a list whose page `k` is `page(k)`.
    pub(super) fn paginator(
        &self,
        page: impl Fn(usize) -> Job,
        n: usize,
        total: usize,
    ) -> Paginator {
        let page_url = |k: usize| self.job_url(page(k));
        Paginator {
            current: n,
            total,
            prev_url: if n > 1 {
                page_url(n - 1)
            } else {
                String::new()
            },
            next_url: if n < total {
                page_url(n + 1)
            } else {
                String::new()
            },
            first_url: page_url(1),
            last_url: page_url(total),
            pages: window(n, total)
                .into_iter()
                .map(|(k, gap)| PaginatorPage {
                    number: k,
                    url: if gap { String::new() } else { page_url(k) },
                    current: k == n,
                    gap,
                })
                .collect(),
        }
    }
}

/// The page numbers a paginator shows for page `n` of `total`: the first and last,
/// two on each side of `n`, and a gap (`true`) where numbers are left out. A gap
/// would hide one number only, so that number is shown instead. Constant size
/// however long the list: never every page.
fn window(n: usize, total: usize) -> Vec<(usize, bool)> {
    let near = n.saturating_sub(3).max(1)..=(n + 3).min(total);
    let mut shown: Vec<usize> = [1, 2, total.saturating_sub(1), total]
        .into_iter()
        .chain(near)
        .filter(|k| (1..=total).contains(k))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let visible = |k: usize| {
        k == 1
            || k == total
            || (k + 2 >= n && k <= n + 2)
            || (k == 2 && n == 5)
            || (k + 1 == total && n + 4 == total)
    };
    shown
        .into_iter()
        .filter_map(|k| {
            if visible(k) {
                Some((k, false))
            } else if k + 3 == n || k == n + 3 {
                Some((k, true))
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::window;

    fn show(n: usize, total: usize) -> String {
        window(n, total)
            .into_iter()
            .map(|(k, gap)| {
                if gap {
                    "…".to_string()
                } else {
                    k.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_paginator_shows_a_window_and_gaps() {
        assert_eq!(show(1, 1), "1");
        assert_eq!(show(1, 3), "1 2 3");
        assert_eq!(show(1, 20), "1 2 3 … 20");
        assert_eq!(show(5, 20), "1 2 3 4 5 6 7 … 20");
        assert_eq!(show(10, 20), "1 … 8 9 10 11 12 … 20");
        assert_eq!(show(16, 20), "1 … 14 15 16 17 18 19 20");
        assert_eq!(show(20, 20), "1 … 18 19 20");
        assert_eq!(show(250, 500).split(' ').count(), 9);
    }
}
