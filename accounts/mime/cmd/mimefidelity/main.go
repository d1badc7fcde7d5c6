// Command mimefidelity prints, one JSON object a line, what the parser reads from each
// message file named on the command line (or found under a named folder): subject,
// sender, date, body text and attachment names. compare.py beside it runs it and compares
// the fields with Python's email package (policy.default), a lenient reference reader:
//
//	python3 accounts/mime/cmd/mimefidelity/compare.py accounts/mime/testdata/realworld
//
// It is a tool a developer runs after a parser change, not part of make test: the tests
// must not depend on Python.
package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"switchboard/accounts/mime"
)

type result struct {
	File        string   `json:"file"`
	Subject     string   `json:"subject"`
	FromName    string   `json:"from_name"`
	FromEmail   string   `json:"from_email"`
	Date        int64    `json:"date"` // Unix seconds, 0 when unreadable
	Text        string   `json:"text"`
	Attachments []string `json:"attachments"`
}

func main() {
	enc := json.NewEncoder(os.Stdout)
	for _, root := range os.Args[1:] {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) == ".md" {
				return err
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			m := mime.Parse(raw, mime.Limits{})
			r := result{File: path, Subject: m.Subject, FromName: m.From.Name, FromEmail: m.From.Email,
				Text: m.Text, Attachments: []string{}}
			if !m.Date.IsZero() {
				r.Date = m.Date.Unix()
			}
			for _, a := range m.Attachments {
				if a.In != "" {
					continue // Python does not look inside winmail.dat
				}
				r.Attachments = append(r.Attachments, a.Filename)
			}
			return enc.Encode(r)
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "mimefidelity:", err)
			os.Exit(1)
		}
	}
}
