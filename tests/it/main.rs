//! Integration tests: build small fixture sites with the real `tonvinh` binary and
//! check the pages and messages it produces. One test binary, a module per feature.

mod serving;
mod support;

mod annex;
mod annex_build;
mod attachments;
mod attachments_build;
mod browser;
mod build_errors;
mod build_pages;
mod check_command;
mod cms_api;
mod cms_browser;
mod cms_publish;
mod determinism;
mod external_links;
mod images;
mod incremental_build;
mod media;
mod media_e2e;
mod new_init;
mod one_run;
mod privacy;
mod profiles;
mod report;
mod search_e2e;
mod theme_errors;
mod serve_command;
