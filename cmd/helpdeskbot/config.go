package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cast"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// Config is everything helpdeskbot reads from its configuration file,
// environment (HELPDESK_*) and flags, in that order of increasing priority.
type Config struct {
	// Knowledge is the knowledge folder; empty means the one built in.
	Knowledge string
	// Match holds the thresholds that choose between answering, clarifying
	// and falling back.
	Match bot.Thresholds
}

// DefaultConfig is the configuration when nothing is set.
func DefaultConfig() Config {
	return Config{Match: bot.DefaultThresholds()}
}

// Validate reports the first invalid value, naming its key.
func (c Config) Validate() error {
	if c.Knowledge != "" {
		st, err := os.Stat(c.Knowledge)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("knowledge: folder %q does not exist", c.Knowledge)
		case err != nil:
			return fmt.Errorf("knowledge: %w", err)
		case !st.IsDir():
			return fmt.Errorf("knowledge: %q is not a folder", c.Knowledge)
		}
	}
	if err := c.Match.Validate(); err != nil {
		return fmt.Errorf("match.%w", err)
	}
	return nil
}

// configKeys are the keys a configuration file may set.
var configKeys = []string{
	"knowledge",
	"match.answer_threshold",
	"match.clarify_threshold",
	"match.clarify_margin",
}

// configError is a configuration problem: the process exits with code 2.
type configError struct{ err error }

func (e configError) Error() string { return "config: " + e.err.Error() }
func (e configError) Unwrap() error { return e.err }

// loadConfig reads the configuration file named by --config (if any), the
// environment and the flags.
func loadConfig(flags *pflag.FlagSet) (Config, error) {
	v := viper.New()
	def := DefaultConfig()
	v.SetDefault("knowledge", def.Knowledge)
	v.SetDefault("match.answer_threshold", def.Match.Answer)
	v.SetDefault("match.clarify_threshold", def.Match.Clarify)
	v.SetDefault("match.clarify_margin", def.Match.Margin)
	v.SetEnvPrefix("HELPDESK")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	for key, flag := range map[string]string{
		"knowledge":               "knowledge",
		"match.answer_threshold":  "answer-threshold",
		"match.clarify_threshold": "clarify-threshold",
		"match.clarify_margin":    "clarify-margin",
	} {
		if f := flags.Lookup(flag); f != nil {
			if err := v.BindPFlag(key, f); err != nil {
				return Config{}, configError{err}
			}
		}
	}
	if f := flags.Lookup("config"); f != nil && f.Value.String() != "" {
		v.SetConfigFile(f.Value.String())
		if err := v.ReadInConfig(); err != nil {
			return Config{}, configError{fmt.Errorf("read %s: %s", f.Value.String(), oneLine(err))}
		}
		for _, key := range v.AllKeys() {
			if !slices.Contains(configKeys, key) {
				return Config{}, configError{fmt.Errorf("%s: unknown key (known: %s)", key, strings.Join(configKeys, ", "))}
			}
		}
	}

	cfg := Config{Knowledge: strings.TrimSpace(v.GetString("knowledge"))}
	for _, f := range []struct {
		key string
		dst *float64
	}{
		{"match.answer_threshold", &cfg.Match.Answer},
		{"match.clarify_threshold", &cfg.Match.Clarify},
		{"match.clarify_margin", &cfg.Match.Margin},
	} {
		n, err := cast.ToFloat64E(v.Get(f.key))
		if err != nil {
			return Config{}, configError{fmt.Errorf("%s: %q is not a number", f.key, fmt.Sprint(v.Get(f.key)))}
		}
		*f.dst = n
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, configError{err}
	}
	return cfg, nil
}

// oneLine keeps the first line of an error message.
func oneLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
