package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/httpapi"
	"github.com/helpdeskbot/helpdeskbot/intents"
	"github.com/helpdeskbot/helpdeskbot/knowledge"
)

func handler(t *testing.T, token string) http.Handler {
	k, err := intents.Load(knowledge.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(intents.NewIndex(k), bot.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	return httpapi.Handler(b, token)
}

func ask(h http.Handler, body, auth string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/v1/ask", strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestAsk(t *testing.T) {
	h := handler(t, "")
	tests := []struct {
		name, message, intent string
		outcome               bot.Outcome
	}{
		{"answered", "stuck on selfie", "selfie", bot.Answered},
		{"clarify", "linkedin", "linkedin-recovery", bot.Clarify},
		{"fallback", "what's the weather", "none", bot.Fallback},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, _ := json.Marshal(httpapi.Request{Message: tt.message, User: "web-1"})
			rec := ask(h, string(body), "")
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var resp httpapi.Response
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			if resp.Intent != tt.intent || resp.Outcome != tt.outcome {
				t.Fatalf("got %s %s", resp.Outcome, resp.Intent)
			}
			if !strings.HasSuffix(resp.Text, "so they are the ones who can help with your specific case.") {
				t.Errorf("text does not end with the guidance: %q", resp.Text)
			}
			if resp.Choices == nil || resp.Related == nil || resp.Candidates == nil || resp.Knowledge == "" {
				t.Errorf("response %+v", resp)
			}
		})
	}
}

func TestAskRejectsBadRequests(t *testing.T) {
	h := handler(t, "")
	if rec := ask(h, "not json", ""); rec.Code != http.StatusBadRequest {
		t.Errorf("bad JSON: %d", rec.Code)
	}
	if rec := ask(h, `{"message":"`+strings.Repeat("x", 70<<10)+`"}`, ""); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("huge body: %d", rec.Code)
	}
	req := httptest.NewRequest(http.MethodGet, "/v1/ask", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d", rec.Code)
	}
}

func TestAskNeedsTheToken(t *testing.T) {
	h := handler(t, "s3cret")
	body := `{"message":"nfc"}`
	for _, auth := range []string{"", "Bearer wrong", "s3cret", "Basic s3cret", "Bearer s3cret2"} {
		if rec := ask(h, body, auth); rec.Code != http.StatusUnauthorized || rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("Authorization %q: status %d", auth, rec.Code)
		}
	}
	if rec := ask(h, body, "Bearer s3cret"); rec.Code != http.StatusOK {
		t.Errorf("right token: %d", rec.Code)
	}
}
