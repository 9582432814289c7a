package cn.gongji.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Imports one kind of record from CSV rows, a chunk at a time (each chunk is one transaction). */
interface RowImporter {

    /** A CSV record keyed by header; {@code line} is where it starts in the file. */
    record CsvRow(int line, Map<String, String> values) {}

    Set<String> columns();

    Set<String> requiredColumns();

    /** Validates, checks what exists, and (unless dry run) writes the new rows; updates the report. */
    void importChunk(List<CsvRow> rows, ImportReport report, boolean dryRun);

    /** Called once after the last chunk. */
    default void finish(ImportReport report, boolean dryRun) {}
}
