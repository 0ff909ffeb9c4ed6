# 催款函、到期提醒和对账单的用语（Project Fluent 语法）。中文没有复数形式。

days-overdue = 已逾期 { $days } 天
due-today = 今天
