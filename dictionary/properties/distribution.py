"""The properties of a distribution: how the data of a dataset is reached."""

from __future__ import annotations

from dictionary.properties.base import CAT, DCAT, DCT, Kind, Properties, Property, Section

K, S = Kind, Section

DISTRIBUTION = Properties(
    "distribution",
    (
        Property("slug", K.TEXT, "Định danh (slug)", "Identifier (slug)", S.NAMING, max_length=200),
        Property("kind", K.CONCEPT, "Loại", "Kind", S.NAMING, scheme="access-kinds", required=True,
                 predicate=CAT + "accessKind"),
        Property("title_vi", K.TEXT, "Tên tiếng Việt", "Vietnamese title", S.NAMING, required=True,
                 max_length=500, predicate=DCT + "title"),
        Property("title_en", K.TEXT, "Tên tiếng Anh", "English title", S.NAMING, max_length=500,
                 predicate=DCT + "title"),
        Property("description_vi", K.LONG_TEXT, "Mô tả", "Description", S.NAMING, max_length=5000,
                 predicate=DCT + "description"),
        Property("access_url", K.URL, "Địa chỉ truy cập", "Access URL", S.ACCESS, required=True,
                 max_length=500, predicate=DCAT + "accessURL"),
        Property("download_url", K.URL, "Địa chỉ tải về", "Download URL", S.ACCESS, max_length=500,
                 predicate=DCAT + "downloadURL"),
        Property("endpoint_url", K.URL, "Địa chỉ dịch vụ", "Endpoint URL", S.ACCESS, max_length=500,
                 predicate=DCAT + "endpointURL"),
        Property("endpoint_description", K.URL, "Mô tả dịch vụ", "Service description", S.ACCESS,
                 max_length=500, predicate=DCAT + "endpointDescription"),
        Property("format", K.CONCEPT, "Định dạng", "Format", S.TYPE, scheme="eu-file-types",
                 predicate=DCT + "format"),
        Property("media_type", K.TEXT, "Kiểu phương tiện", "Media type", S.TYPE, max_length=200,
                 predicate=DCAT + "mediaType"),
        Property("byte_size", K.INTEGER, "Dung lượng (byte)", "Size (bytes)", S.TYPE, minimum=0,
                 predicate=DCAT + "byteSize"),
        Property("licence", K.CONCEPT, "Giấy phép", "Licence", S.PUBLICATION, scheme="eu-licences",
                 predicate=DCT + "license"),
        Property("access_rights", K.CONCEPT, "Quyền truy cập", "Access rights", S.PUBLICATION,
                 scheme="eu-access-rights", required=True, predicate=DCT + "accessRights"),
    ),
)
"""Every property of a distribution, in the order of its form."""
