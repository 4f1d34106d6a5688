"""prevcat plugin: the Results First Clearinghouse Database, read from the workbook a user downloads."""
