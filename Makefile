# Shortcuts for the scripts the README documents.
.PHONY: train test bench validate format

train:
	scripts/train

test:
	scripts/test

format:
	swift format --in-place --recursive Sources Tests Bench Package.swift
