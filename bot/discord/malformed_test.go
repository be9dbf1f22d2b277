package discord_test

import (
	"net/http"
	"strings"
	"testing"
)

// malformedInteractions are signed interactions whose data does not fit
// the command: options of the wrong type or without a value.
func malformedInteractions() []struct {
	name string
	body map[string]any
} {
	opt := func(kind int, value any, focused bool) map[string]any {
		return map[string]any{"id": "CMD", "name": "verifyhelp", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": kind, "value": value, "focused": focused}}}
	}
	return []struct {
		name string
		body map[string]any
	}{
		{"integer option", interaction("X1", 2, opt(4, 5, false), nil)},
		{"string option holding a number", interaction("X2", 2, opt(3, 5, false), nil)},
		{"string option without a value", interaction("X3", 2, opt(3, nil, false), nil)},
		{"boolean option", interaction("X4", 2, opt(5, true, false), nil)},
		{"autocomplete on an integer", interaction("X5", 4, opt(4, 5, true), nil)},
		{"autocomplete without a value", interaction("X6", 4, opt(3, nil, true), nil)},
		{"subcommand with nested options", interaction("X7", 2, map[string]any{"id": "CMD", "name": "verifyhelp", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 1, "options": []any{map[string]any{"name": "x", "type": 4, "value": 1}}}}}, nil)},
		{"no data", interaction("X8", 2, nil, nil)},
		{"menu without values", interaction("X9", 3, map[string]any{"custom_id": "topics", "component_type": 3}, nil)},
	}
}

// TestHTTPMalformedInteractionsAreAnswered: each gets a 200 with a response
// (an option that does not fit is ignored), never a panic.
func TestHTTPMalformedInteractionsAreAnswered(t *testing.T) {
	h := startHTTPOnly(t)
	for _, tt := range malformedInteractions() {
		t.Run(tt.name, func(t *testing.T) {
			resp := h.post(t, tt.body, h.key)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if out := decode(t, resp); out["type"] == nil {
				t.Fatalf("response %v", out)
			}
		})
	}
	if strings.Contains(h.logs.String(), "panic") {
		t.Errorf("a malformed interaction panicked:\n%s", h.logs.String())
	}
}
