package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cast"
)

// setting is one configuration key: where it goes in Config and the flag
// that may set it.
type setting struct {
	key, flag string
	value     field
}

// field is where a setting's value goes in Config: its default for viper,
// how what viper read is stored, and how config check shows it.
type field interface {
	viperDefault() any
	read(val any) error
	show() string
}

// value is a field of type T.
type value[T any] struct {
	p      *T
	def    func(T) any // the default viper is given
	parse  func(any) (T, error)
	format func(T) string
}

func (v value[T]) viperDefault() any { return v.def(*v.p) }
func (v value[T]) show() string      { return v.format(*v.p) }

func (v value[T]) read(val any) error {
	x, err := v.parse(val)
	if err != nil {
		return err
	}
	*v.p = x
	return nil
}

func itself[T any](x T) any { return x }

func textValue(p *string) field {
	return value[string]{p: p, def: itself[string],
		parse:  func(val any) (string, error) { return strings.TrimSpace(cast.ToString(val)), nil },
		format: func(s string) string { return fmt.Sprintf("%q", s) }}
}

func numberValue(p *float64) field {
	return value[float64]{p: p, def: itself[float64],
		parse: func(val any) (float64, error) {
			n, err := cast.ToFloat64E(val)
			if err != nil {
				return 0, fmt.Errorf("%q is not a number", fmt.Sprint(val))
			}
			return n, nil
		},
		format: func(n float64) string { return fmt.Sprint(n) }}
}

func integerValue(p *int) field {
	return value[int]{p: p, def: itself[int],
		parse: func(val any) (int, error) {
			n, err := cast.ToIntE(val)
			if err != nil {
				return 0, fmt.Errorf("%q is not a whole number", fmt.Sprint(val))
			}
			return n, nil
		},
		format: func(n int) string { return fmt.Sprint(n) }}
}

func durationValue(p *time.Duration) field {
	return value[time.Duration]{p: p, def: func(d time.Duration) any { return d.String() },
		parse: func(val any) (time.Duration, error) {
			d, err := cast.ToDurationE(val)
			if err != nil {
				return 0, fmt.Errorf("%q is not a duration like 500ms or 15s", fmt.Sprint(val))
			}
			return d, nil
		},
		format: time.Duration.String}
}

func listValue(p *[]string) field {
	return value[[]string]{p: p, def: func([]string) any { return "" },
		parse:  func(val any) ([]string, error) { return listOf(val), nil },
		format: func(l []string) string { return "[" + strings.Join(l, ", ") + "]" }}
}

func boolValue(p *bool) field {
	return value[bool]{p: p, def: itself[bool], parse: parseBool,
		format: func(b bool) string { return fmt.Sprint(b) }}
}

// optionalBoolValue is a yes/no that may be left unset (nil): empty reads
// as unset.
func optionalBoolValue(p **bool) field {
	return value[*bool]{p: p, def: func(*bool) any { return "" },
		parse: func(val any) (*bool, error) {
			if str, ok := val.(string); ok && strings.TrimSpace(str) == "" {
				return nil, nil
			}
			b, err := parseBool(val)
			if err != nil {
				return nil, err
			}
			return &b, nil
		},
		format: func(b *bool) string {
			if b == nil {
				return "~ # default"
			}
			return fmt.Sprint(*b)
		}}
}

func parseBool(val any) (bool, error) {
	b, err := cast.ToBoolE(val)
	if err != nil {
		return false, fmt.Errorf("%q is not true or false", fmt.Sprint(val))
	}
	return b, nil
}
