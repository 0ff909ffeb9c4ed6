//! Workbooks (.xlsx, .xls, .ods) read by `import entries` and `import contacts` as CSV files are:
//! the same register in each format (tests/fixtures/spreadsheets/make.py writes them) imports to
//! the same lines, and problems are shown at the cell's row and column.

use crate::util::{TestBook, repo_root};

const FORMATS: [&str; 3] = ["xlsx", "xls", "ods"];

fn workbook(extension: &str) -> String {
    repo_root()
        .join(format!("tests/fixtures/spreadsheets/register.{extension}"))
        .display()
        .to_string()
}

fn book() -> TestBook {
    TestBook::new()
        .customer("acme")
        .file("rules.toml", "skip_lines = 2\n")
}

#[test]
fn an_entries_register_in_any_workbook_format_imports_the_same_lines() {
    for extension in FORMATS {
        let book = book();
        let rules = book.path().join("rules.toml").display().to_string();
        let file = workbook(extension);
        book.stdout(&[
            "import", "entries", &file, "--sheet", "Entries", "--rules", &rules,
        ]);
        let journal = std::fs::read_to_string(book.path().join("journal/2026.journal")).unwrap();
        // Date cells are dates, 99.9 is 99.90, the float 0.3 is 0.30, and a memo on two lines
        // in its cell is joined.
        assert_eq!(
            journal,
            "2026-11-02 invoice INV-X-1 acme 1234.56 EUR due:2026-12-02 ; lamps, \"Lumière\" series\n\
             2026-11-09 invoice INV-X-2 acme 99.90 EUR due:2026-12-09 ; two lines of memo\n\
             2026-11-20 credit CN-X-1 acme 0.30 EUR ; rounding\n",
            "{extension}"
        );
    }
}

#[test]
fn a_contact_list_in_a_workbook_imports_from_its_first_sheet() {
    for extension in FORMATS {
        let book = TestBook::new();
        book.stdout(&["import", "contacts", &workbook(extension)]);
        let lumen = std::fs::read_to_string(book.path().join("contacts/lumen.toml")).unwrap();
        assert!(
            lumen.contains("name = \"Lumen Design BV\""),
            "{extension}: {lumen}"
        );
        assert!(lumen.contains("BE0417497106"), "{extension}: {lumen}");
        assert!(
            book.path().join("contacts/moreau.toml").exists(),
            "{extension}"
        );
    }
}

#[test]
fn a_bad_cell_is_shown_at_its_row_and_column_and_nothing_is_written() {
    for extension in FORMATS {
        let book = book();
        let file = workbook(extension);
        let output = book
            .folio(&["import", "entries", &file, "--sheet", "Bad"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(65), "{extension}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        // E4 holds #DIV/0!: an error cell in the .xlsx, the text in the others; E3 `twelve`.
        assert!(stderr.contains(&format!("{file}:4:5: error")), "{stderr}");
        if extension != "xlsx" {
            assert!(stderr.contains(&format!("{file}:3:5: error")), "{stderr}");
        }
        assert!(!book.path().join("journal/2026.journal").exists());
    }
}

#[test]
fn a_sheet_the_workbook_does_not_have_is_named_with_those_it_has() {
    let book = book();
    let output = book
        .folio(&["import", "entries", &workbook("ods"), "--sheet", "Payments"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no sheet `Payments`: its sheets are Contacts, Entries, Bad"),
        "{stderr}"
    );
}

#[test]
fn a_bank_statement_in_any_workbook_format_is_read_line_by_line() {
    for extension in FORMATS {
        let book = TestBook::new();
        let file = repo_root().join(format!("tests/fixtures/spreadsheets/statement.{extension}"));
        let parsed = book.json(&["reconcile", file.to_str().unwrap(), "--show-parsed"]);
        let lines: Vec<(&str, &str, &str, u64)> = parsed
            .as_array()
            .unwrap()
            .iter()
            .map(|line| {
                (
                    line["date"].as_str().unwrap(),
                    line["amount"].as_str().unwrap(),
                    line["currency"].as_str().unwrap(),
                    line["line"].as_u64().unwrap(),
                )
            })
            .collect();
        // The title and the empty row above the header are skipped; each line is at its row.
        assert_eq!(
            lines,
            [
                ("2026-11-03", "1210.00", "EUR", 4),
                ("2026-11-04", "-3927.00", "EUR", 5),
                ("2026-11-05", "-0.05", "EUR", 6),
            ],
            "{extension}"
        );
        assert_eq!(parsed[0]["format"], "spreadsheet");
        assert_eq!(parsed[0]["counterparty"], "Brasserie du Sablon");
    }
}

#[test]
fn a_bad_amount_in_a_workbook_statement_is_shown_at_its_cell_and_nothing_is_applied() {
    let book = TestBook::new();
    let file = repo_root().join("tests/fixtures/spreadsheets/statement-bad.ods");
    let output = book
        .folio(&["reconcile", file.to_str().unwrap(), "--apply"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(65), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{}:6:2: error", file.display())),
        "{stderr}"
    );
}

/// Asserts that `import entries` and `reconcile` both refuse the damaged workbook `fixture`
/// (exit 65) with `expected` in the error, never a panic.
fn refused(fixture: &str, expected: &str) {
    let book = book();
    let file = repo_root()
        .join("tests/fixtures/spreadsheets")
        .join(fixture);
    let file = file.to_str().unwrap();
    for command in [
        vec!["import", "entries", file, "--dry-run"],
        vec!["reconcile", file, "--show-parsed", "--format", "json"],
    ] {
        let output = book.folio(&command).output().unwrap();
        assert_eq!(output.status.code(), Some(65), "{command:?}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(expected) && !stderr.contains("panicked"),
            "{stderr}"
        );
    }
}

#[test]
fn an_xls_whose_sector_chain_loops_is_refused_before_it_is_read() {
    // Found by the spreadsheet fuzz target: the reader followed the loop until the memory ran
    // out; folio opens the compound file with cfb, which validates the chains, first.
    refused("cyclic-sector-chain.xls", "its compound file is damaged");
}

#[test]
fn an_xls_whose_string_table_is_cut_short_is_refused_not_a_panic() {
    // Found by the spreadsheet fuzz target: calamine's .xls string table reader panics on a
    // record shorter than its flags announce (register.xls with its SST record cut to one empty
    // rich string). folio catches the reader's panic and refuses the file at its name.
    refused("damaged-string-table.xls", "the workbook is damaged");
}

#[test]
fn an_xls_claiming_billions_of_rows_is_refused_before_it_is_read() {
    // Found by the spreadsheet fuzz target: a Dimensions record of four billion rows made the
    // reader reserve 26 GB and abort; folio holds every sheet to the format's limits first.
    refused(
        "huge-dimensions.xls",
        "a sheet claims more than 65536 rows, 256 columns or 2097152 cells",
    );
}

#[test]
fn an_xls_whose_cells_span_the_whole_sheet_is_refused_before_it_is_read() {
    // Found by the spreadsheet fuzz target: two cells far apart made the reader build the dense
    // sheet between them (65,536 x 256 cells, 7 GB). folio measures the span of the cell records
    // first.
    refused(
        "full-sheet-range.xls",
        "a sheet claims more than 65536 rows, 256 columns or 2097152 cells",
    );
}

#[test]
fn an_xlsx_with_cells_in_opposite_corners_is_refused_before_it_is_read() {
    // A 1 KB workbook with a cell in A1 and one in XFD1048576: the reader allocated 549 GB for the
    // range between them and aborted. folio streams the cells and measures their span first.
    refused(
        "opposite-corners.xlsx",
        "sheet `Sheet1` spans more than 2097152 cells",
    );
}

#[test]
fn an_ods_whose_repeated_rows_expand_past_the_limit_is_refused_before_it_is_read() {
    // register.ods with 60,000 repeated empty rows and then a cell in column 1,001: 60 million
    // cells, 3.7 GB and 23 s before folio measured the expanded span first.
    refused(
        "repeated-rows.ods",
        "sheet `Contacts` spans more than 2097152 cells",
    );
}

#[test]
fn an_ods_whose_content_fails_its_checksum_is_refused_before_it_is_read() {
    // Found by the spreadsheet fuzz target: register.ods with one bit of its compressed
    // content.xml flipped. The reader inflated it leniently into 2.5 GB and six seconds of work;
    // folio reads content.xml whole first, checksum and XML, and refuses a damaged one.
    refused(
        "bad-checksum.ods",
        "its content.xml cannot be read (Invalid checksum)",
    );
}

#[test]
fn an_xls_whose_sheet_starts_inside_other_data_is_measured_where_the_reader_starts() {
    // Found by the spreadsheet fuzz target: a BoundSheet8 record pointing into the middle of
    // another record, where the reader found a Dimensions record of 1.6 billion rows (895 TB).
    // folio walks each sheet from the offset the workbook gives, as the reader does.
    refused(
        "sheet-offset-into-data.xls",
        "a sheet claims more than 65536 rows, 256 columns or 2097152 cells",
    );
}

#[test]
fn a_file_that_starts_as_an_xls_but_holds_an_ods_is_measured_as_an_ods() {
    // Found by the spreadsheet fuzz target: an .xls header with repeated-rows.ods after it. The
    // reader, failing on the .xls, found the ZIP archive from the end of the file and built its
    // 60 million cells (3.7 GB); folio measures an .ods wherever calamine may find one.
    refused(
        "xls-hiding-an-ods.xls",
        "sheet `Contacts` spans more than 2097152 cells",
    );
}

#[test]
fn an_xls_sheet_with_a_nested_substream_is_measured_across_it() {
    // Found by the spreadsheet fuzz target: a sheet whose cells lie before and after a nested
    // substream (as an embedded chart is). folio's walk started its count again at the nested
    // BOF, while the reader spans the whole sheet: 1,541 x 64,259 cells, 6 GB.
    refused(
        "nested-substream.xls",
        "a sheet claims more than 65536 rows, 256 columns or 2097152 cells",
    );
}
