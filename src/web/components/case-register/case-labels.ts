/** Words every case register's pages share (dossiers, feedback). */
export const viCaseRegister = {
  previous: "Trang trước",
  phoneProofHint: "hoặc cả số điện thoại",
  next: "Trang sau",
  history: {
    title: "Lịch sử xử lý",
    when: "Thời điểm",
    step: "Bước",
    by: "Người thực hiện",
    note: "Ghi chú / lý do",
  },
};
