package io.vanishwatch.notifier.content;

/** A labelled piece of a notification ("What to do", "Account"), so each channel can set the label apart its way. */
public record Line(String label, String text) {
}
