// Package schema holds the workspace database's migrations, one file per version.
// A new table or column is a new file with the next number; a shipped file never changes.
package schema

import (
	"embed"

	"switchboard/workspace/sqlitedb"
)

//go:embed *.sql
var files embed.FS

// Migrations returns every step, in order.
func Migrations() []sqlitedb.Migration {
	steps, err := sqlitedb.LoadMigrations(files)
	if err != nil {
		panic(err) // a misnamed file is a programming error caught by any test
	}
	return steps
}
