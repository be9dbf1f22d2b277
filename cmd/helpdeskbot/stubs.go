package main

import "github.com/spf13/cobra"

func (a *app) chatCommand() *cobra.Command  { return &cobra.Command{Use: "chat"} }
func (a *app) matchCommand() *cobra.Command { return &cobra.Command{Use: "match"} }
