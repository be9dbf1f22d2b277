package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// webAPI is the part of Slack's Web API the adapter uses; every call to
// Slack goes through it. sdkClient implements it with slack-go; tests drive
// the real client against a local fake.
type webAPI interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slack.MsgOption) (string, error)
	AuthTestContext(ctx context.Context) (*slack.AuthTestResponse, error)
	PublishViewContext(ctx context.Context, req slack.PublishViewContextRequest) (*slack.ViewResponse, error)
	GetConversationInfoContext(ctx context.Context, input *slack.GetConversationInfoInput) (*slack.Channel, error)
	// openSocket returns a Socket Mode connection opened with this
	// client's app-level token (apps.connections.open).
	openSocket(dialer *websocket.Dialer) socketConn
}

// socketConn is a Socket Mode connection: it runs until ctx ends,
// delivering events, and acknowledges them.
type socketConn interface {
	RunContext(ctx context.Context) error
	Ack(req socketmode.Request, payload ...any) error
	events() <-chan socketmode.Event
}

// sdkClient is webAPI on slack-go's client.
type sdkClient struct{ *slack.Client }

func (c sdkClient) openSocket(dialer *websocket.Dialer) socketConn {
	var opts []socketmode.Option
	if dialer != nil {
		opts = append(opts, socketmode.OptionDialer(dialer))
	}
	return sdkSocket{socketmode.New(c.Client, opts...)}
}

// sdkSocket is socketConn on slack-go's Socket Mode client.
type sdkSocket struct{ *socketmode.Client }

func (s sdkSocket) events() <-chan socketmode.Event { return s.Events }

// Retries of rate-limited calls.
const (
	maxAttempts   = 4
	maxRetryAfter = 30 * time.Second
)

// postMessage posts msg to channel (in thread, if set), retrying after the
// Retry-After of a 429 a bounded number of times.
func (a *Adapter) postMessage(ctx context.Context, channel, thread string, msg message) error {
	opts := messageOptions(thread, msg)
	return retryRateLimited(ctx, func() error {
		_, _, err := a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
}

// postEphemeral shows msg to user only, in channel (and thread).
func (a *Adapter) postEphemeral(ctx context.Context, channel, user, thread string, msg message) error {
	opts := messageOptions(thread, msg)
	return retryRateLimited(ctx, func() error {
		_, err := a.api.PostEphemeralContext(ctx, channel, user, opts...)
		return err
	})
}

func messageOptions(thread string, msg message) []slack.MsgOption {
	opts := []slack.MsgOption{
		slack.MsgOptionBlocks(msg.blocks...),
		slack.MsgOptionText(msg.text, false),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	return opts
}

// responseMessage is a message sent to an interaction's response_url or
// returned to a slash command.
type responseMessage struct {
	ResponseType    string        `json:"response_type,omitempty"`
	ReplaceOriginal bool          `json:"replace_original"`
	Text            string        `json:"text"`
	Blocks          []slack.Block `json:"blocks,omitempty"`
}

func ephemeral(msg message) responseMessage {
	return responseMessage{ResponseType: "ephemeral", Text: msg.text, Blocks: msg.blocks}
}

// respond posts to an interaction's response_url, which must be Slack's
// (see checkResponseURL).
func (a *Adapter) respond(ctx context.Context, responseURL string, msg responseMessage) error {
	if err := a.checkResponseURL(responseURL); err != nil {
		return err
	}
	body, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("slack: encode response: %w", err)
	}
	return retryRateLimited(ctx, func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := a.deps.HTTPClient.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			return &slack.RateLimitedError{RetryAfter: retryAfter(resp.Header.Get("Retry-After"))}
		case resp.StatusCode >= 300:
			return slack.StatusCodeError{Code: resp.StatusCode, Status: resp.Status}
		}
		return nil
	})
}

func retryAfter(h string) time.Duration {
	var secs int
	if _, err := fmt.Sscanf(h, "%d", &secs); err != nil || secs < 0 {
		return time.Second
	}
	return time.Duration(secs) * time.Second
}

// retryRateLimited calls f until it succeeds, fails with anything but a
// rate limit, or has been tried maxAttempts times.
func retryRateLimited(ctx context.Context, f func() error) error {
	for attempt := 1; ; attempt++ {
		err := f()
		var limited *slack.RateLimitedError
		if err == nil || !errors.As(err, &limited) || attempt == maxAttempts {
			return err
		}
		wait := min(max(limited.RetryAfter, 100*time.Millisecond), maxRetryAfter)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// errorCode is the Slack error code of err ("channel_not_found"), or a short
// description when it has none.
func errorCode(err error) string {
	var se slack.SlackErrorResponse
	var limited *slack.RateLimitedError
	var status slack.StatusCodeError
	switch {
	case errors.Is(err, errResponseURLRefused):
		return "response_url_refused"
	case errors.As(err, &se):
		return se.Err
	case errors.As(err, &limited):
		return "ratelimited"
	case errors.As(err, &status):
		return fmt.Sprintf("http_%d", status.Code)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "canceled"
	default:
		return "request_failed"
	}
}
