// Package journal is the append-only record of every change a person, the runner or sync
// makes in a workspace. History, incident timelines, handover notes and response-time
// reports read it; two staff machines sharing a workspace will exchange it.
//
// # Format (a contract: other machines and exports read it)
//
// One row per change, never updated or deleted:
//
//	id      a UUID (RFC 4122, lower case), unique across machines
//	at      when, Unix milliseconds UTC (JSON: RFC 3339 with milliseconds, UTC)
//	actor   who: a staff member's global id, or "runner" (scheduled work: snooze
//	        wake-ups, follow-ups, sends), "sync" (mail arriving: a customer's reply
//	        reopening a conversation, a blocked contact's mail filed as Abuse),
//	        "system" (migrations, the demo), or "unnamed" (a person at a machine
//	        whose "my name" is not set: never a made-up name such as "Me")
//	object  the global id of the object changed (conversation, outbox item, contact,
//	        FAQ entry, playbook, incident, schedule item, workspace)
//	kind    "<object type>.<change>", e.g. "conversation.status"; the list is Kinds
//	data    a JSON object; for a change of one value {"from": old, "to": new}, plus
//	        whatever the kind documents
//
// Write is the only way in: every store calls it inside the transaction that makes the
// change, so the change and its record commit together or not at all.
package journal

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Actors that are not people.
const (
	Runner = "runner"
	Sync   = "sync"
	System = "system"
	// Unnamed is a person whose machine has no "my name" yet. Their changes are kept
	// (refusing them would lose work) but signed by nobody in particular.
	Unnamed = "unnamed"
)

// Entry is one change.
type Entry struct {
	Seq    int64           `json:"-"` // local order; not shared between machines
	ID     string          `json:"id"`
	At     time.Time       `json:"at"`
	Actor  string          `json:"actor"`
	Object string          `json:"object"`
	Kind   string          `json:"kind"`
	Data   json.RawMessage `json:"data"`
}

// Change is the data of a change of one value.
type Change struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Decode reads e.Data into v.
func (e Entry) Decode(v any) error { return json.Unmarshal(e.Data, v) }

// NewID is a fresh global id for an object or an entry.
func NewID() string { return uuid.NewString() }

// Execer is a transaction (or a connection inside one).
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Write appends one entry inside tx. ID and At are filled in when empty; data is any
// JSON-marshalable value (nil is {}).
func Write(ctx context.Context, tx Execer, at time.Time, actor, object, kind string, data any) (Entry, error) {
	if actor == "" || object == "" || !validKind(kind) {
		return Entry{}, fmt.Errorf("journal: entry needs an actor, an object and a kind (got %q, %q, %q)", actor, object, kind)
	}
	raw := json.RawMessage("{}")
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return Entry{}, fmt.Errorf("journal: %s data: %w", kind, err)
		}
		raw = b
	}
	e := Entry{ID: NewID(), At: at.UTC().Truncate(time.Millisecond), Actor: actor, Object: object, Kind: kind, Data: raw}
	res, err := tx.ExecContext(ctx, `INSERT INTO journal (id, at, actor, object, kind, data) VALUES (?, ?, ?, ?, ?, ?)`,
		e.ID, e.At.UnixMilli(), e.Actor, e.Object, e.Kind, string(e.Data))
	if err != nil {
		return Entry{}, fmt.Errorf("journal: %w", err)
	}
	e.Seq, _ = res.LastInsertId()
	return e, nil
}

func validKind(k string) bool {
	obj, change, ok := strings.Cut(k, ".")
	return ok && obj != "" && change != ""
}

// Filter selects entries; zero fields select everything.
type Filter struct {
	Since   time.Time // at or after
	Until   time.Time // before
	Object  string    // one object's entries
	Objects []string  // any of these objects
	Prefix  string    // kinds starting with this, e.g. "conversation."
	Actor   string
	After   int64 // Seq greater than this (for following the journal)
	Limit   int   // 0: no limit
	Newest  bool  // newest first instead of oldest first
}

// Querier is the database or a transaction.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// List reads entries in order (oldest first unless f.Newest).
func List(ctx context.Context, q Querier, f Filter) ([]Entry, error) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if !f.Since.IsZero() {
		add("at >= ?", f.Since.UnixMilli())
	}
	if !f.Until.IsZero() {
		add("at < ?", f.Until.UnixMilli())
	}
	if f.Object != "" {
		add("object = ?", f.Object)
	}
	if len(f.Objects) > 0 {
		add("object IN (SELECT value FROM json_each(?))", mustJSON(f.Objects))
	}
	if f.Prefix != "" {
		add("substr(kind, 1, ?) = ?", len(f.Prefix), f.Prefix)
	}
	if f.Actor != "" {
		add("actor = ?", f.Actor)
	}
	if f.After > 0 {
		add("seq > ?", f.After)
	}
	query := "SELECT seq, id, at, actor, object, kind, data FROM journal"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	if f.Newest {
		query += " ORDER BY at DESC, seq DESC"
	} else {
		query += " ORDER BY at, seq"
	}
	if f.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var at int64
		var data string
		if err := rows.Scan(&e.Seq, &e.ID, &at, &e.Actor, &e.Object, &e.Kind, &data); err != nil {
			return nil, err
		}
		e.At = time.UnixMilli(at).UTC()
		e.Data = json.RawMessage(data)
		out = append(out, e)
	}
	return out, rows.Err()
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

type actorKey struct{}

// As marks ctx as work the program does by itself on behalf of nobody at the machine
// (actor is System: seeding the demo workspace), so that changes which would otherwise be
// signed with the machine's "my name" are signed actor. A store given a person's name
// explicitly (the Inbox's Options.Agent) still signs with that person.
func As(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorOf is the actor As put in ctx, if any.
func ActorOf(ctx context.Context) (string, bool) {
	a, ok := ctx.Value(actorKey{}).(string)
	return a, ok && a != ""
}
