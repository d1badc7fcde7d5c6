// Package demo makes the demo workspace: "Nordlys Coffee (demo)", a fictional Scandinavian
// coffee brand seeded from assets/demo, so a new user can try every pane with no account
// and no network.
//
// Each feature adds its own seeding step to Steps (FAQ entries, conversations, playbooks,
// scheduled items), reading its seed files from the same folder. The mail step needs
// an Importer (Create's argument). The demo works with no network because its one mail
// account's transport is local (mail.Local), like any offline account: the sender keeps
// its replies in the workspace, sync and the connection test contact nothing.
package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"switchboard/assets"
	"switchboard/workspace"
	"switchboard/workspace/crisis"
	"switchboard/workspace/faq"
	"switchboard/workspace/journal"
	"switchboard/workspace/mail"
)

// Step seeds one feature's part of the demo into a freshly created workspace. seed is
// assets/demo, so "faq.json" names assets/demo/faq.json.
type Step func(ctx context.Context, w *workspace.Workspace, seed Seed) error

// Seed is the seed folder and what a step needs from outside the workspace layer.
type Seed struct {
	fs.FS
	// Import stores raw messages as synced mail: accounts/imapsync.ImportRaw, passed in by
	// main.go (the MIME parser lives in accounts, which workspace must not import).
	Import Importer
}

// Importer stores raw RFC 5322 messages in a local folder of w, parsed and threaded
// exactly as synced mail is.
type Importer = func(ctx context.Context, w *workspace.Workspace, folder string, raws [][]byte) (mail.IngestResult, error)

// Steps run in order on every new demo workspace. Add a feature's step here.
var Steps = []Step{
	seedSettings,
	seedAccount, // before the mail, so the store knows the seeded sent mail as ours
	seedFS(faq.SeedDemo),
	seedMail,   // mail/inbox and mail/sent, dated relative to now
	seedTriage, // statuses, labels, staff, notes and a scheduled reply from mail/triage.json
	seedFS(crisis.SeedDemo),
	seedFS(seedSchedule), // hours, holidays, shifts, the auto-reply and a week of planned posts
}

// seedFS is a Step for a feature that needs only the seed folder.
func seedFS(step func(ctx context.Context, w *workspace.Workspace, seed fs.FS) error) Step {
	return func(ctx context.Context, w *workspace.Workspace, seed Seed) error { return step(ctx, w, seed) }
}

// markerKey is the workspace setting that tells the demo from a real client, whatever it
// has been renamed to.
const markerKey = "demo.version"

// accountKey is the setting holding the id of the seeded account, the one account that
// has nothing in the keyring.
const accountKey = "demo.account"

// Name is the demo workspace's name as created; Create and Recreate find it by this name.
const Name = "Nordlys Coffee (demo)"

type seedWorkspace struct {
	Color    string `json:"color"`
	TimeZone string `json:"time_zone"`
	Account  struct {
		Email       string `json:"email"`
		DisplayName string `json:"display_name"`
	} `json:"account"`
	Settings map[string]string `json:"settings"`
}

func readSeed(seed fs.FS) (seedWorkspace, error) {
	var s seedWorkspace
	b, err := fs.ReadFile(seed, "workspace.json")
	if err == nil {
		err = json.Unmarshal(b, &s)
	}
	if err != nil {
		return s, fmt.Errorf("demo seed workspace.json: %w", err)
	}
	return s, nil
}

// Create returns the demo workspace, making and seeding it first if there is none; imp
// stores its mail (main.go passes accounts/imapsync.ImportRaw). Without imp it fails
// rather than make a demo without conversations, which would look like a broken Inbox.
func Create(ctx context.Context, root *workspace.Root, imp Importer) (workspace.Info, error) {
	if info, err := root.Find(ctx, Name); err == nil {
		return info, nil
	} else if !errors.Is(err, workspace.ErrNotFound) {
		return workspace.Info{}, err
	}
	if imp == nil {
		return workspace.Info{}, errors.New("demo mail: no importer given (main.go passes imapsync.ImportRaw)")
	}
	seed := Seed{FS: assets.DemoSeed(), Import: imp}
	s, err := readSeed(seed)
	if err != nil {
		return workspace.Info{}, err
	}
	info, err := root.Create(ctx, Name, workspace.CreateOptions{Color: s.Color, TimeZone: s.TimeZone})
	if err != nil {
		return workspace.Info{}, err
	}
	// The seed is the program's doing, not the person's at this machine; the triage step
	// signs its changes as the demo's staff, so its history reads like a real shift.
	seedCtx := journal.As(ctx, journal.System)
	err = root.Update(ctx, info.ID, func(w *workspace.Workspace) error {
		for _, step := range Steps {
			if err := step(seedCtx, w, seed); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		// A half-seeded demo would look like a bug in the feature it lacks; only its
		// seeded account may be there, so no keyring is needed to remove it.
		return workspace.Info{}, errors.Join(fmt.Errorf("seeding the demo workspace: %w", err), root.Delete(ctx, info.ID, noSecrets{}))
	}
	return root.Find(ctx, info.ID)
}

// Recreate replaces the demo workspace with a fresh copy: everything done in it is lost.
// The UI asks before calling it. secrets removes keyring entries of accounts someone added
// to the demo; nil is fine when there are none.
func Recreate(ctx context.Context, root *workspace.Root, secrets workspace.SecretRemover, imp Importer) (workspace.Info, error) {
	if info, err := root.Find(ctx, Name); err == nil {
		if err := Delete(ctx, root, info.ID, secrets); err != nil {
			return workspace.Info{}, err
		}
	} else if !errors.Is(err, workspace.ErrNotFound) {
		return workspace.Info{}, err
	}
	return Create(ctx, root, imp)
}

// Delete removes the demo workspace id. Its seeded account has no password, so while it
// is the only account the keyring is neither needed nor touched (secrets may be nil);
// accounts someone added need secrets, as for any workspace.
func Delete(ctx context.Context, root *workspace.Root, id string, secrets workspace.SecretRemover) error {
	own, err := onlySeededAccount(ctx, root, id)
	if err != nil {
		return err
	}
	if own {
		secrets = noSecrets{}
	}
	return root.Delete(ctx, id, secrets)
}

// IsDemo tells whether w is a demo workspace (also after a rename).
func IsDemo(ctx context.Context, w *workspace.Workspace) (bool, error) {
	_, ok, err := w.Setting(ctx, markerKey)
	return ok, err
}

func seedSettings(ctx context.Context, w *workspace.Workspace, seed Seed) error {
	s, err := readSeed(seed)
	if err != nil {
		return err
	}
	for k, v := range s.Settings {
		if err := w.SetSetting(ctx, k, v); err != nil {
			return err
		}
	}
	return w.SetSetting(ctx, markerKey, "1")
}

// seedAccount adds the account replies are sent from: a local one (mail.Local), so
// nothing ever connects anywhere; its servers are only what Settings shows.
func seedAccount(ctx context.Context, w *workspace.Workspace, seed Seed) error {
	s, err := readSeed(seed)
	if err != nil {
		return err
	}
	host := s.Account.Email[strings.LastIndexByte(s.Account.Email, '@')+1:]
	a, err := mail.Open(w).AddAccount(ctx, mail.Account{Email: s.Account.Email, DisplayName: s.Account.DisplayName,
		IMAP: mail.Endpoint{Host: "imap." + host, Port: 993, Security: mail.TLS},
		SMTP: mail.Endpoint{Host: "smtp." + host, Port: 465, Security: mail.TLS}, Transport: mail.Local})
	if err != nil {
		return fmt.Errorf("demo account: %w", err)
	}
	return w.SetSetting(ctx, accountKey, a.ID)
}

// onlySeededAccount tells whether the demo's accounts are just the seeded one, so deleting
// it has nothing to remove from the keyring.
func onlySeededAccount(ctx context.Context, root *workspace.Root, id string) (bool, error) {
	var own bool
	err := root.Update(ctx, id, func(w *workspace.Workspace) error {
		seeded, _, err := w.Setting(ctx, accountKey)
		if err != nil {
			return err
		}
		accts, err := mail.Open(w).Accounts(ctx)
		own = err == nil && len(accts) == 1 && accts[0].ID == seeded
		return err
	})
	return own, err
}

// noSecrets removes nothing: for a demo whose only account never had a password.
type noSecrets struct{}

func (noSecrets) DeleteWorkspace(context.Context, string) error { return nil }
