# 催款函、到期提醒和对账单的用语（Project Fluent 语法）。中文没有复数形式。

days-overdue = 已逾期 { $days } 天
due-today = 今天

# 邮件主题（及打印信函的标题），按模板。
subject-due-soon = 付款即将到期提醒 – { $company }
subject-reminder-1 = 付款提醒 – { $company }
subject-reminder-2 = 第二次付款提醒 – { $company }
subject-final-notice = 最后催款通知 – { $company }
subject-statement = 对账单（截至 { $date }） – { $company }
