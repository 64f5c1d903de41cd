"""Sample award-list rows shared by the import tests."""

HEADER = (
    "STT,Loại,Họ và tên,Mã định danh,Giới tính,Năm sinh,Chức vụ,Đơn vị,"
    "Danh hiệu/Hình thức,Năm,Số quyết định,Ngày quyết định,Cơ quan quyết định,Ghi chú\n"
)
ROWS = [
    "1,Cá nhân,Nguyễn Thị Hương,NV001,Nữ,1985,Chuyên viên,PLDVL,Lao động tiên tiến,2019,"
    "125/QĐ-SLĐTBXH,15/01/2020,Giám đốc Sở LĐ-TBXH,",
    "2,Cá nhân,Trần Văn Bình,,Nam,1979,Trưởng phòng,Phòng Lao động – Việc làm,"
    "Chiến sỹ thi đua cơ sở,2019,125/QĐ-SLĐTBXH,15/01/2020,Giám đốc Sở LĐ-TBXH,",
    "3,Tập thể,Phòng Lao động – Việc làm,,,,,Sở Lao động – Thương binh và Xã hội,"
    "Tập thể lao động tiên tiến,2019,125/QĐ-SLĐTBXH,15/01/2020,Giám đốc Sở LĐ-TBXH,",
    "4,Cá nhân,Nguyễn Thị Hương,NV001,Nữ,1985,Chuyên viên,PLDVL,"
    "Bằng khen của Chủ tịch UBND tỉnh,2019,1234/QĐ-UBND,20/03/2020,Chủ tịch UBND tỉnh,"
    "khen đột xuất",
]


def csv_bytes(rows=ROWS) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()
