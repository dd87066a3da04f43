package com.gemetrics.command.flip;

/**
 * One thing wrong with a flip import file, as listed in the 422 answer.
 *
 * @param line the line of the file (1 is the header)
 * @param column the column at fault, or {@code null} if it is the whole line
 * @param code a stable code: a {@link FlipError} name for a broken flip rule, else a file
 * format code ({@code MALFORMED_CSV}, {@code MISSING_VALUE}, ...)
 * @param detail what is wrong, for people
 */
record FlipImportError(long line, String column, String code, String detail) {

	static FlipImportError of(long line, String column, FlipError error) {
		return new FlipImportError(line, column, error.name(), error.detail());
	}

}
