/** A word that occurs only in `NEW_CASE_DOCUMENT` (tests watch for it in searches and embeddings). */
export const NEW_CASE_MARKER = 'Støvfri';

/** A valid case document none of the fixture corpora holds, for tests that add one while the server runs. */
export const NEW_CASE_DOCUMENT = `---
title: "Robotstøvsugere i Fredensborg"
kind: case
summary: "Fredensborg Kommune afprøvede robotstøvsugere på plejecentre."
tags: [case]
source:
  organisation: "Testkilde"
  title: "Testcase"
updated: "2026-11-02"
---

## Forløb

Fredensborg Kommune afprøvede robotstøvsugere fra firmaet ${NEW_CASE_MARKER} på fire plejecentre.
`;
