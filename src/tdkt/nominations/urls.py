"""Routes of the nomination pages (Vietnamese paths, English names), under /xet-khen/."""

from django.urls import path

from tdkt.nominations import views

app_name = "nominations"

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("han-xu-ly/", views.due, name="due"),
    # rounds
    path("dot-xet/them/", views.round_create, name="round_create"),
    path("dot-xet/<int:pk>/", views.round_detail, name="round"),
    path("dot-xet/<int:pk>/cong-khai/", views.round_publish, name="round_publish"),
    path("dot-xet/<int:pk>/ket-thuc/", views.round_close, name="round_close"),
    path("dot-xet/<int:pk>/de-nghi/", views.propose, name="propose"),
    path("dot-xet/<int:pk>/de-nghi/tim/", views.propose_search, name="propose_search"),
    path("dot-xet/<int:pk>/de-nghi/xet/", views.propose_verdict, name="propose_verdict"),
    path("dot-xet/<int:pk>/de-nghi-theo-danh-sach/", views.propose_bulk, name="propose_bulk"),
    path("dot-xet/<int:pk>/ra-quyet-dinh/", views.decision_issue, name="decision_issue"),
    path("dot-xet/<int:pk>/danh-sach.<str:fmt>", views.round_list_document, name="round_list_doc"),
    path(
        "dot-xet/<int:pk>/to-trinh.<str:fmt>",
        views.round_submission_document,
        name="round_submission_doc",
    ),
    # nominations
    path("ho-so/<int:pk>/", views.nomination_detail, name="nomination"),
    path("ho-so/<int:pk>/tep/", views.file_upload, name="file_upload"),
    path("ho-so/<int:pk>/tep/<int:file_pk>/", views.file_download, name="file_download"),
    path("ho-so/<int:pk>/tep/<int:file_pk>/go/", views.file_remove, name="file_remove"),
    path("ho-so/<int:pk>/trinh/", views.nomination_submit, name="submit"),
    path("ho-so/<int:pk>/chuyen/", views.nomination_forward, name="forward"),
    path("ho-so/<int:pk>/tra-lai/", views.nomination_return, name="return"),
    path("ho-so/<int:pk>/rut/", views.nomination_withdraw, name="withdraw"),
    # councils
    path("hoi-dong/", views.council_list, name="councils"),
    path("hoi-dong/<int:pk>/", views.council_detail, name="council"),
    path("hoi-dong/<int:pk>/thanh-vien/", views.council_member_add, name="member_add"),
    path("hoi-dong/<int:pk>/phien-hop/", views.meeting_create, name="meeting_create"),
    path("phien-hop/<int:pk>/", views.meeting_detail, name="meeting"),
    path("phien-hop/<int:pk>/bieu-quyet/", views.vote_record, name="vote_record"),
    path("phien-hop/<int:pk>/ket-luan/", views.meeting_decide, name="meeting_decide"),
    path("phien-hop/<int:pk>/ket-qua/", views.meeting_results, name="meeting_results"),
    path("phien-hop/<int:pk>/bien-ban.<str:fmt>", views.meeting_minutes, name="minutes_doc"),
    path("bieu-quyet/<int:pk>/bo-phieu/", views.ballot_cast, name="ballot_cast"),
    # decisions
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/van-ban.<str:fmt>", views.decision_document, name="decision_doc"),
    path(
        "quyet-dinh/<int:pk>/<slug:slug>.pdf",
        views.decision_certificates,
        name="certificates",
    ),
    path("quyet-dinh/<int:pk>/huy-bo/", views.decision_revoke, name="decision_revoke"),
    path("quyet-dinh/<int:pk>/da-trao/", views.decision_items_done, name="items_done"),
]
