package crisis

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"switchboard/workspace/journal"
)

// Event is one line of an incident's timeline.
type Event struct {
	At     time.Time       `json:"at"`
	Actor  string          `json:"actor"` // a name where the actor is staff
	Kind   string          `json:"kind"`
	Object string          `json:"object"`
	Text   string          `json:"text"` // in English, for the log and the report
	Data   json.RawMessage `json:"data"`
}

// Timeline is what happened during incident id, oldest first, read from the journal: the
// incident's own entries and those of its linked conversations while it was open.
func (s *Store) Timeline(ctx context.Context, inc Incident) ([]Event, error) {
	names, err := s.ActorNames(ctx)
	if err != nil {
		return nil, err
	}
	subjects := map[string]string{}
	objects := []string{inc.ID}
	for _, l := range inc.Links {
		objects = append(objects, l.ConversationGID)
		subjects[l.ConversationGID] = l.Subject
	}
	f := journal.Filter{Objects: objects, Since: inc.StartedAt}
	if !inc.ClosedAt.IsZero() {
		f.Until = inc.ClosedAt.Add(time.Millisecond)
	}
	entries, err := journal.List(ctx, s.w.DB().Read(), f)
	if err != nil {
		return nil, err
	}
	out := []Event{}
	for _, e := range entries {
		actor := names[e.Actor]
		if actor == "" {
			actor = e.Actor
		}
		out = append(out, Event{At: e.At, Actor: actor, Kind: e.Kind, Object: e.Object, Text: describe(e, subjects), Data: e.Data})
	}
	return out, nil
}

// describe says what an entry means, in a sentence.
func describe(e journal.Entry, subjects map[string]string) string {
	var d map[string]any
	_ = json.Unmarshal(e.Data, &d)
	str := func(k string) string { v, _ := d[k].(string); return v }
	conv := func(gid string) string {
		if s := subjects[gid]; s != "" {
			return fmt.Sprintf("%q", s)
		}
		return "a conversation"
	}
	switch e.Kind {
	case "incident.start":
		t := fmt.Sprintf("Incident started with playbook %q: %s. Scheduled replies, follow-ups and posts paused.", str("name"), str("reason"))
		if l := str("holding_auto"); l != "" {
			t += fmt.Sprintf(" Out-of-hours auto-reply replaced by the %s holding statement.", l)
		}
		return t
	case "incident.state":
		t := fmt.Sprintf("State changed from %s to %s", str("from"), str("to"))
		if n := str("note"); n != "" {
			t += ": " + n
		}
		return t + "."
	case "incident.step":
		if done, _ := d["done"].(bool); done {
			return fmt.Sprintf("Step %v done: %s", d["step"], str("text"))
		}
		return fmt.Sprintf("Step %v reopened: %s", d["step"], str("text"))
	case "incident.link":
		return fmt.Sprintf("Conversation %q linked.", str("subject"))
	case "incident.note":
		return "Note: " + str("text")
	case "incident.statement":
		return fmt.Sprintf("Holding statement (%s) queued to %s.", str("lang"), conv(str("conversation")))
	case "incident.resolve":
		return fmt.Sprintf("Scheduled work resumed; %v item(s) that fell due meanwhile held for review.", d["held_for_review"])
	case "incident.due":
		return fmt.Sprintf("Held %s %s: %s.", str("kind"), str("ref"), str("decision"))
	case "incident.close":
		if s := str("summary"); s != "" {
			return "Incident closed: " + s
		}
		return "Incident closed."
	case "conversation.status":
		return fmt.Sprintf("%s: status %s → %s.", conv(e.Object), str("from"), str("to"))
	case "conversation.note":
		return fmt.Sprintf("%s: note: %s", conv(e.Object), str("text"))
	}
	if e.Object != "" && subjects[e.Object] != "" {
		return fmt.Sprintf("%s: %s %s", conv(e.Object), e.Kind, string(e.Data))
	}
	return fmt.Sprintf("%s %s", e.Kind, string(e.Data))
}
