package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"switchboard/workspace"
	"switchboard/workspace/handover"
	"switchboard/workspace/journal"
)

// The demo's shift: Anna Lind has been at work for about seven hours, so "since the start
// of my shift" in the Handover pane (with "my name" set to Anna Lind) shows a full shift
// note offline: her changes in the journal and the note she leaves for whoever comes next.
// Every entry is signed by the demo's staff (the demo's journal rule: no "sync" for mail
// that was never synced).
func init() { Steps = append(Steps, seedShift) }

// shiftNote is what Anna leaves for the next person.
const shiftNote = "Batch NC-2611 of Midnight Sun was roasted too hot: everyone who writes about bitter or sour coffee gets the one reply we agreed on (replacement bags roast on Thursday). " +
	"Mikkel from Kaffebaren Aarhus calls tomorrow morning to settle the first wholesale order. " +
	"Gary Whitfield: the refund is approved; answer his three mails in one reply and cancel the subscription."

// shiftStep is one journal entry of the demo's shift, ago before the demo is made.
type shiftStep struct {
	ago       time.Duration
	actor     string // "anna" for Anna Lind's staff id
	messageID string // a message of the conversation changed
	kind      string
	data      any
}

var shiftSteps = []shiftStep{
	{7 * time.Hour, "anna", "f3a9e1c0-7b1d-4b8e-9a55-2c1d0e6b7a01@example.com", "conversation.status", journal.Change{From: "open", To: "resolved"}},
	{5*time.Hour + 40*time.Minute, "anna", "CACb3nn3tt2611x@mail.example.com", "conversation.assignee", journal.Change{From: "", To: "Anna Lind"}},
	{4*time.Hour + 10*time.Minute, "anna", "CAGw1tf13ld9cS@mail.example.net", "conversation.assignee", journal.Change{From: "", To: "Erik Dahl"}},
	{2 * time.Hour, "anna", "3d9a7b21-hannah-48544@example.com", "conversation.label", map[string]string{"label": "Quality", "change": "added"}},
}

func seedShift(ctx context.Context, w *workspace.Workspace, _ Seed) error {
	now := time.Now()
	db := w.DB().Read()
	var anna string
	err := db.QueryRowContext(ctx, "SELECT gid FROM staff WHERE name = 'Anna Lind'").Scan(&anna)
	if errors.Is(err, sql.ErrNoRows) {
		return errors.New("demo shift: the triage step made no staff member Anna Lind")
	}
	if err != nil {
		return err
	}
	err = w.DB().Write(ctx, func(tx *sql.Tx) error {
		for _, s := range shiftSteps {
			var conv string
			err := tx.QueryRowContext(ctx, `SELECT c.gid FROM messages m JOIN conversations c ON c.id = m.conversation_id
				WHERE m.message_key = ?`, s.messageID).Scan(&conv)
			if err != nil {
				return fmt.Errorf("demo shift: message %s: %w", s.messageID, err)
			}
			actor := s.actor
			if actor == "anna" {
				actor = anna
			}
			if _, err := journal.Write(ctx, tx, now.Add(-s.ago), actor, conv, s.kind, s.data); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	_, err = handover.AddNote(ctx, w, "Anna Lind", shiftNote, now.Add(-20*time.Minute))
	return err
}
