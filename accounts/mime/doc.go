// Package mime turns raw RFC 5322 bytes into plain structs and builds
// outgoing mail.
//
// Parse never fails: mail in the wild is often malformed, and a user would
// rather read half a message with a warning than nothing. Every problem is
// recorded in Message.Warnings, and every loop is bounded by Limits so that a
// hostile message costs at most a few passes over its bytes.
//
// The MIME structure is split in memory rather than with go-message's
// streaming reader: the sync engine already holds the whole message, the
// splitter can be lenient about broken boundaries, and nested parts are
// sub-slices instead of chains of readers (which cost O(depth) per byte).
// go-message provides header parsing, RFC 2047 and charsets, and the writer.
package mime
