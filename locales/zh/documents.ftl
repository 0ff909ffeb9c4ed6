# 发票、贷项通知单和报价单的用语（Project Fluent 语法）。如需修改个别用语，只需在账簿的
# templates/documents.zh.ftl 中写入这些消息。

invoice = 发票
credit-note = 贷项通知单
debit-note = 借项通知单
quote = 报价单
seller = 开票方
buyer = 收票方
vat_id = 增值税号
company_id = 企业编号
number = 编号
date = 日期
due = 付款截止日期
valid_until = 有效期至
reference = 更正发票
buyer_reference = 贵方参考号
description = 项目
quantity = 数量
unit = 单位
price = 单价
vat = 税率
amount = 金额
discount = 折扣 { $rate }%
discount_detail = { $discount }：{ $gross } − { $amount }
subtotal = 小计
document_discount = 整单折扣 { $rate }%
net = 不含税合计
vat_line = 增值税 { $rate }%（计税金额 { $base }）
exempt_line = 免税（{ $category ->
        [AE] 反向征收
        [K] 欧盟内部供应
        [G] 出口
        [O] 不征税
        [Z] 零税率
       *[other] 免税
    }，金额 { $base }）
total = 含税总计
total_credit = 贷记总额
pay = 请于{ $due }前支付 { $amount }。
pay_to = 银行账户（IBAN）：{ $iban }
bic = BIC：{ $bic }
communication = 付款附言：{ $communication }
credited = 本贷项通知单冲减发票 { $reference } 金额 { $amount }。
valid = 本报价有效期至{ $date }。
accepted = 已于{ $date }接受：发票 { $invoice }。
exemption = 免税说明：{ $text }
notes = 备注
page = 第 { $page } 页，共 { $pages } 页

## 收据（`folio render PAY-...`）：一笔收款冲抵了什么，以及留作预收的余额。
receipt = 收据
received_from = 付款方
received = 收款金额
settles = 结算
applied_to = 冲抵单据
paid = 实付（{ $currency }）
applied = 冲抵金额
open_after = 尚欠
on_account = 预收余额
receipt_thanks = 已于 { $date } 收到 { $amount }，谢谢。
receipt_settles = 本次付款 { $paid }，结算 { $settled }。
receipt_on_account = { $amount } 留在您的账户中，将用于冲抵您之后的发票。

## folio 认识的计量单位（中文没有复数形式）。
unit-hur = 小时
unit-day = 天
unit-min = 分钟
unit-wee = 周
unit-mon = 个月
unit-ann = 年
unit-h87 = 件

## Debit notes (`folio interest --issue`, booked reminder fees): the text of their lines.
charge-interest = 发票 { $invoice } 的逾期利息，{ $from } 至 { $to }
charge-compensation = 发票 { $invoice } 的催收费用补偿
charge-fee = 发票 { $invoice } 的催款费
charge-outside-vat = 不属于增值税征税范围：逾期利息和补偿不是应税供应。
