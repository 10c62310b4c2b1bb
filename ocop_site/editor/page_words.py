"""The words of the form editor's page script (admin/form.js), from the message catalogue: the server
writes them into the admin page as JSON, so the script holds no text of its own.

`decap` is what Decap CMS's own Vietnamese locale lacks ("Writing in VI", "Fill in from another locale"…),
by Decap's phrase id; `%{name}` in a phrase is Decap's own placeholder, filled in by Decap.
"""

from __future__ import annotations

import json
from typing import Any

from ocop_site.i18n import N_, t

LANGUAGE = "vi"  # the form's language (config.yml's `locale`)
PAGE_WORDS = {
    "error": N_("form_error"), "warning": N_("form_warning"), "fix": N_("form_fix"), "vi": N_("form_in_vi"),
    "en": N_("form_in_en"), "elsewhere": N_("form_elsewhere"),
    "refused": N_("form_refused"),  # the toast of a refused save; {n}: how many errors (the script fills it in)
}
DECAP_PHRASES: dict[str, str] = {
    "auth.loginWithAzure": N_("decap_auth_login_with_azure"),
    "auth.loginWithForgejo": N_("decap_auth_login_with_forgejo"),
    "app.header.media": N_("decap_app_header_media"),
    "collection.collectionTop.viewAs": N_("decap_collection_collection_top_view_as"),
    "collection.collectionTop.viewAsList": N_("decap_collection_collection_top_view_as_list"),
    "collection.collectionTop.viewAsGrid": N_("decap_collection_collection_top_view_as_grid"),
    "collection.collectionTop.groupBy": N_("decap_collection_collection_top_group_by"),
    "collection.collectionTop.newButton": N_("decap_collection_collection_top_new_button"),
    "collection.entries.unpublishedHeader": N_("decap_collection_entries_unpublished_header"),
    "collection.groups.other": N_("decap_collection_groups_other"),
    "collection.groups.negateLabel": N_("decap_collection_groups_negate_label"),
    "editor.editorControl.field.widgetLabel": N_("decap_editor_control_field_widget_label"),
    "editor.editorControlPane.i18n.writingInLocale": N_("decap_editor_i18n_writing_in_locale"),
    "editor.editorControlPane.i18n.copyFromLocale": N_("decap_editor_i18n_copy_from_locale"),
    "editor.editorControlPane.i18n.copyFromLocaleConfirm": N_("decap_editor_i18n_copy_from_locale_confirm"),
    "editor.editorInterface.toggleI18n": N_("decap_editor_interface_toggle_i18n"),
    "editor.editorInterface.togglePreview": N_("decap_editor_interface_toggle_preview"),
    "editor.editorInterface.toggleScrollSync": N_("decap_editor_interface_toggle_scroll_sync"),
    "editor.editorInterface.toggleNotes": N_("decap_editor_interface_toggle_notes"),
    "editor.editorNotesPane.title": N_("decap_editor_notes_pane_title"),
    "editor.editorNotesPane.emptyState": N_("decap_editor_notes_pane_empty_state"),
    "editor.editorNotesPane.addNote": N_("decap_editor_notes_pane_add_note"),
    "editor.editorNotesPane.addPlaceholder": N_("decap_editor_notes_pane_add_placeholder"),
    "editor.editorNotesPane.editPlaceholder": N_("decap_editor_notes_pane_edit_placeholder"),
    "editor.editorNotesPane.save": N_("decap_editor_notes_pane_save"),
    "editor.editorNotesPane.cancel": N_("decap_editor_notes_pane_cancel"),
    "editor.editorNotesPane.edit": N_("decap_editor_notes_pane_edit"),
    "editor.editorNotesPane.delete": N_("decap_editor_notes_pane_delete"),
    "editor.editorNotesPane.resolve": N_("decap_editor_notes_pane_resolve"),
    "editor.editorNotesPane.unresolve": N_("decap_editor_notes_pane_unresolve"),
    "editor.editorNotesPane.confirmDelete": N_("decap_editor_notes_pane_confirm_delete"),
    "editor.editorNotesPane.shortcut": N_("decap_editor_notes_pane_shortcut"),
    "editor.editorToolbar.statusInfoTooltipDraft": N_("decap_editor_toolbar_status_info_tooltip_draft"),
    "editor.editorToolbar.statusInfoTooltipInReview": N_("decap_editor_toolbar_status_info_tooltip_in_review"),
    "editor.editorWidgets.markdown.bold": N_("decap_editor_widgets_markdown_bold"),
    "editor.editorWidgets.markdown.italic": N_("decap_editor_widgets_markdown_italic"),
    "editor.editorWidgets.markdown.strikethrough": N_("decap_editor_widgets_markdown_strikethrough"),
    "editor.editorWidgets.markdown.code": N_("decap_editor_widgets_markdown_code"),
    "editor.editorWidgets.markdown.link": N_("decap_editor_widgets_markdown_link"),
    "editor.editorWidgets.markdown.linkPrompt": N_("decap_editor_widgets_markdown_link_prompt"),
    "editor.editorWidgets.markdown.headings": N_("decap_editor_widgets_markdown_headings"),
    "editor.editorWidgets.markdown.quote": N_("decap_editor_widgets_markdown_quote"),
    "editor.editorWidgets.markdown.bulletedList": N_("decap_editor_widgets_markdown_bulleted_list"),
    "editor.editorWidgets.markdown.numberedList": N_("decap_editor_widgets_markdown_numbered_list"),
    "editor.editorWidgets.markdown.addComponent": N_("decap_editor_widgets_markdown_add_component"),
    "editor.editorWidgets.markdown.toggleMode.rich": N_("decap_editor_widgets_markdown_toggle_mode_rich"),
    "editor.editorWidgets.markdown.toggleMode.markdown": N_("decap_editor_widgets_markdown_toggle_mode_markdown"),
    "editor.editorWidgets.image.chooseMultiple": N_("decap_editor_widgets_image_choose_multiple"),
    "editor.editorWidgets.image.chooseUrl": N_("decap_editor_widgets_image_choose_url"),
    "editor.editorWidgets.image.replaceUrl": N_("decap_editor_widgets_image_replace_url"),
    "editor.editorWidgets.image.promptUrl": N_("decap_editor_widgets_image_prompt_url"),
    "editor.editorWidgets.image.addMore": N_("decap_editor_widgets_image_add_more"),
    "editor.editorWidgets.image.removeAll": N_("decap_editor_widgets_image_remove_all"),
    "editor.editorWidgets.file.chooseUrl": N_("decap_editor_widgets_file_choose_url"),
    "editor.editorWidgets.file.chooseMultiple": N_("decap_editor_widgets_file_choose_multiple"),
    "editor.editorWidgets.file.replaceUrl": N_("decap_editor_widgets_file_replace_url"),
    "editor.editorWidgets.file.promptUrl": N_("decap_editor_widgets_file_prompt_url"),
    "editor.editorWidgets.file.addMore": N_("decap_editor_widgets_file_add_more"),
    "editor.editorWidgets.file.removeAll": N_("decap_editor_widgets_file_remove_all"),
    "editor.editorWidgets.datetime.setToNow": N_("decap_editor_widgets_datetime_set_to_now"),
    "editor.editorWidgets.list.add": N_("decap_editor_widgets_list_add"),
    "editor.editorWidgets.list.addType": N_("decap_editor_widgets_list_add_type"),
    "editor.editorWidgets.object.expand": N_("decap_editor_widgets_object_expand"),
    "editor.editorWidgets.object.collapse": N_("decap_editor_widgets_object_collapse"),
    "mediaLibrary.mediaLibraryCard.copy": N_("decap_media_library_media_library_card_copy"),
    "mediaLibrary.mediaLibraryCard.copyUrl": N_("decap_media_library_media_library_card_copy_url"),
    "mediaLibrary.mediaLibraryCard.copyPath": N_("decap_media_library_media_library_card_copy_path"),
    "mediaLibrary.mediaLibraryCard.copyName": N_("decap_media_library_media_library_card_copy_name"),
    "mediaLibrary.mediaLibraryCard.copied": N_("decap_media_library_media_library_card_copied"),
    "mediaLibrary.mediaLibraryModal.close": N_("decap_media_library_media_library_modal_close"),
    "ui.settingsDropdown.account": N_("decap_ui_settings_dropdown_account"),
    "ui.toast.onFailToPersist": N_("decap_ui_toast_on_fail_to_persist"),
    "ui.toast.noteAdded": N_("decap_ui_toast_note_added"),
    "ui.toast.onFailToAddNote": N_("decap_ui_toast_on_fail_to_add_note"),
    "ui.toast.noteUpdated": N_("decap_ui_toast_note_updated"),
    "ui.toast.onFailToUpdateNote": N_("decap_ui_toast_on_fail_to_update_note"),
    "ui.toast.noteDeleted": N_("decap_ui_toast_note_deleted"),
    "ui.toast.onFailToDeleteNote": N_("decap_ui_toast_on_fail_to_delete_note"),
    "ui.toast.noteResolved": N_("decap_ui_toast_note_resolved"),
    "ui.toast.noteReopened": N_("decap_ui_toast_note_reopened"),
    "ui.toast.onFailToToggleNote": N_("decap_ui_toast_on_fail_to_toggle_note"),
}


def page_words(language: str = LANGUAGE) -> dict[str, Any]:
    """{"words": {name: text}, "decap": Decap's locale phrases as its nested mapping}."""
    decap: dict[str, Any] = {}
    for path, key in DECAP_PHRASES.items():
        *parents, leaf = path.split(".")
        place = decap
        for parent in parents:
            place = place.setdefault(parent, {})
        place[leaf] = t(key, language)
    return {"words": {name: t(key, language) for name, key in PAGE_WORDS.items()}, "decap": decap}


def page_words_json(language: str = LANGUAGE) -> str:
    """page_words as JSON safe inside <script type="application/json"> (no '</' can close the element)."""
    return json.dumps(page_words(language), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
