//! Integration tests: build small fixture sites with the real `tonvinh` binary and
//! check the pages and messages it produces. One test binary, a module per feature.

mod support;

mod build_errors;
mod build_pages;
mod check_command;
mod report;
mod search_e2e;
